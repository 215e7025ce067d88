/// Compression or decompression failed, with a message an operator can act on.
///
/// The ``code`` says what kind of failure it is (a bad setting, a file cut short, damaged data); the
/// ``message`` says it in words, and ``field`` names the setting for ``Code/invalidParameter``.
///
/// ```swift
/// do {
///     _ = try ZstdCompressor(level: 30)
/// } catch {
///     print(error)  // compression_level: 30 is not a zstd level; expected -131072 to 22 (default 3)
/// }
/// ```
public struct CompressionError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The kind of failure.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        let name: String
        /// A setting is out of range; ``CompressionError/field`` names it.
        public static let invalidParameter = Code(name: "invalid_parameter")
        /// The data does not start with a zstd frame (wrong magic number): not compressed by pgbm or zstd.
        public static let notZstd = Code(name: "not_zstd")
        /// The data is damaged: a frame failed to decode or its checksum did not match.
        public static let corrupted = Code(name: "corrupted")
        /// The data ended inside a frame (or before the first one): the file was cut short.
        public static let truncated = Code(name: "truncated")
        /// The frame uses a feature or a window size this decoder does not accept.
        public static let unsupported = Code(name: "unsupported")
        /// libzstd could not allocate memory.
        public static let outOfMemory = Code(name: "out_of_memory")
        /// libzstd reported another error.
        public static let library = Code(name: "library")

        public var description: String { name }
    }

    /// The kind of failure.
    public let code: Code
    /// What happened, in words.
    public let message: String
    /// The setting at fault, in the API's snake_case (`compression_level`), for ``Code/invalidParameter``.
    public let field: String?

    /// Creates an error.
    public init(_ code: Code, _ message: String, field: String? = nil) {
        self.code = code
        self.message = message
        self.field = field
    }

    /// `<field>: <message>` for invalid settings, otherwise the message.
    public var description: String {
        if let field { return "\(field): \(message)" }
        return message
    }
}
