/// A response that writes its own JSON (``JSONWriter``) instead of going through `JSONEncoder`: the same
/// bytes `APIJSON.encoder()` makes for it, several times faster. The list routes' items implement it;
/// the API's response encoder takes this path whenever a response conforms, and `Encodable` stays the
/// definition (the CLI's `--json` and the tests that compare both use it).
///
/// ```swift
/// extension VerificationResponse: JSONWritable {
///     public func write(to writer: inout JSONWriter) throws {
///         writer.beginObject()
///         writer.field("message", message)   // keys in sorted order; nil members left out
///         writer.field("result", result)
///         writer.field("verified_at", verifiedAt)
///         writer.endObject()
///     }
/// }
/// ```
public protocol JSONWritable: Encodable {
    /// Writes this value as one JSON value.
    /// - Throws: `EncodingError` for a value JSON cannot hold (a NaN), as `JSONEncoder` does.
    func write(to writer: inout JSONWriter) throws
}

extension JSONWritable {
    /// The compact JSON of this value.
    public func jsonBytes(capacity: Int = 1024) throws -> [UInt8] {
        var writer = JSONWriter(capacity: capacity)
        try write(to: &writer)
        return writer.bytes
    }
}
