/// What a container holds, reported after it was written, decrypted or verified.
public struct ContainerSummary: Sendable, Equatable {
    /// The container's header (iterations, chunk size, salt, nonce prefix).
    public let header: ContainerHeader
    /// Number of chunks, including the final one.
    public let chunkCount: UInt64
    /// Plaintext bytes.
    public let plaintextBytes: UInt64
    /// Bytes of the container file: header plus every stored chunk.
    public let containerBytes: UInt64

    /// Creates a summary.
    public init(header: ContainerHeader, chunkCount: UInt64, plaintextBytes: UInt64, containerBytes: UInt64) {
        self.header = header
        self.chunkCount = chunkCount
        self.plaintextBytes = plaintextBytes
        self.containerBytes = containerBytes
    }
}
