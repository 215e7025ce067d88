public import BackupAPIModels
public import Foundation
import HTTPTypes
public import Hummingbird
import NIOCore

/// The response encoder of every route: a response that writes its own JSON (``JSONWritable``, the
/// list routes' pages) is written directly; any other goes through `APIJSON.encoder()`. Both give the
/// same bytes for the same value (snake_case keys, sorted; ISO-8601 UTC dates; `nil` members left out).
///
/// ```swift
/// let response = try APIResponseEncoder().encode(page, from: request, context: context)
/// ```
public struct APIResponseEncoder: ResponseEncoder {
    /// The encoder of responses that do not write themselves.
    let fallback: JSONEncoder

    /// Creates the encoder.
    public init() {
        fallback = APIJSON.encoder()
    }

    /// A `200` with the JSON of `value` and `Content-Type: application/json; charset=utf-8`.
    public func encode(_ value: some Encodable, from request: Request, context: some RequestContext) throws -> Response {
        let buffer: ByteBuffer
        if let writable = value as? any JSONWritable {
            buffer = ByteBuffer(bytes: try writable.jsonBytes(capacity: 16 * 1024))
        } else {
            buffer = ByteBuffer(bytes: try fallback.encode(value))
        }
        var headers = HTTPFields()
        headers.reserveCapacity(4)
        headers[.contentType] = "application/json; charset=utf-8"
        headers[.contentLength] = String(buffer.readableBytes)
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: buffer))
    }
}
