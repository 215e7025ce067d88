/// The tunable parameters of a container a writer produces.
///
/// ```swift
/// let parameters = try EncryptionParameters(iterations: 600_000, chunkSize: 1 << 20)
/// ```
public struct EncryptionParameters: Sendable, Equatable {
    /// PBKDF2 iteration counts readers accept.
    public static let acceptedIterations: ClosedRange<UInt64> = 100_000...10_000_000
    /// Plaintext chunk sizes readers accept.
    public static let acceptedChunkSizes: ClosedRange<UInt64> = 4096...16_777_216
    /// The default iteration count for new files.
    public static let defaultIterations = 600_000
    /// The default plaintext bytes per chunk for new files.
    public static let defaultChunkSize = 1_048_576

    /// 600,000 iterations and 1 MiB chunks: what pgbm writes unless told otherwise.
    public static let standard = EncryptionParameters(validIterations: defaultIterations, chunkSize: defaultChunkSize)

    /// PBKDF2-HMAC-SHA256 iterations.
    public let iterations: Int
    /// Plaintext bytes per chunk.
    public let chunkSize: Int

    /// Creates parameters, checking them against the ranges readers accept.
    ///
    /// - Parameters:
    ///   - iterations: PBKDF2 iterations (100,000 ... 10,000,000).
    ///   - chunkSize: plaintext bytes per chunk (4 KiB ... 16 MiB).
    public init(iterations: Int = defaultIterations, chunkSize: Int = defaultChunkSize) throws(ContainerError) {
        try Self.check("iterations", iterations, Self.acceptedIterations)
        try Self.check("chunk size", chunkSize, Self.acceptedChunkSizes)
        self.iterations = iterations
        self.chunkSize = chunkSize
    }

    private init(validIterations: Int, chunkSize: Int) {
        self.iterations = validIterations
        self.chunkSize = chunkSize
    }

    static func check(_ name: String, _ value: some BinaryInteger, _ range: ClosedRange<UInt64>) throws(ContainerError) {
        guard value >= 0, range.contains(UInt64(value)) else {
            throw .parameterOutOfRange(name: name, value: UInt64(clamping: value), accepted: range)
        }
    }
}
