/// The 57-byte header that starts every pgbm encrypted container (format version 1).
///
/// Layout, all integers big-endian: magic `PGBMENC1` (8), version (1), kdf (1), iterations (4),
/// salt (16), nonce prefix (7), chunk size (4), key check (16). The whole header is the additional
/// authenticated data of every chunk. See `Docs/FORMAT.md`.
public struct ContainerHeader: Sendable, Equatable {
    /// The ASCII magic `PGBMENC1`.
    public static let magic: [UInt8] = Array("PGBMENC1".utf8)
    /// Encoded size of the header.
    public static let byteCount = 57
    /// The only format version this module writes and reads.
    public static let formatVersion: UInt8 = 1
    /// Key-derivation identifier for PBKDF2-HMAC-SHA256.
    public static let kdfPBKDF2SHA256: UInt8 = 1
    static let saltCount = 16
    static let noncePrefixCount = 7
    static let keyCheckCount = 16

    /// PBKDF2 iterations used to derive the key.
    public let iterations: UInt32
    /// Random per-file PBKDF2 salt (16 bytes).
    public let salt: [UInt8]
    /// Random per-file prefix of every chunk nonce (7 bytes).
    public let noncePrefix: [UInt8]
    /// Plaintext bytes per chunk.
    public let chunkSize: UInt32
    /// First 16 bytes of HMAC-SHA256(key, "pgbm key check v1").
    public let keyCheck: [UInt8]

    init(iterations: UInt32, salt: [UInt8], noncePrefix: [UInt8], chunkSize: UInt32, keyCheck: [UInt8]) {
        self.iterations = iterations
        self.salt = salt
        self.noncePrefix = noncePrefix
        self.chunkSize = chunkSize
        self.keyCheck = keyCheck
    }

    /// Parses and validates a header; nothing expensive (no key derivation) happens here.
    ///
    /// - Parameter bytes: the start of a container; the first ``byteCount`` bytes are decoded.
    /// - Throws: ``ContainerError`` for a wrong magic, version, kdf, or a parameter out of range.
    public init(decoding bytes: some Collection<UInt8>) throws(ContainerError) {
        let bytes = Array(bytes.prefix(Self.byteCount))
        guard bytes.count >= Self.magic.count, bytes.starts(with: Self.magic) else { throw .notContainer }
        guard bytes.count == Self.byteCount else { throw .truncated(chunks: 0) }
        guard bytes[8] == Self.formatVersion else { throw .unsupportedVersion(bytes[8]) }
        guard bytes[9] == Self.kdfPBKDF2SHA256 else { throw .unsupportedKDF(bytes[9]) }
        let iterations = UInt32(bigEndian: bytes, at: 10)
        let chunkSize = UInt32(bigEndian: bytes, at: 37)
        try EncryptionParameters.check("iterations", iterations, EncryptionParameters.acceptedIterations)
        try EncryptionParameters.check("chunk size", chunkSize, EncryptionParameters.acceptedChunkSizes)
        self.init(
            iterations: iterations,
            salt: Array(bytes[14..<30]),
            noncePrefix: Array(bytes[30..<37]),
            chunkSize: chunkSize,
            keyCheck: Array(bytes[41..<57])
        )
    }

    /// The header's 57 encoded bytes.
    public var encoded: [UInt8] {
        var out = Self.magic
        out.reserveCapacity(Self.byteCount)
        out.append(Self.formatVersion)
        out.append(Self.kdfPBKDF2SHA256)
        out.appendBigEndian(iterations)
        out += salt
        out += noncePrefix
        out.appendBigEndian(chunkSize)
        out += keyCheck
        return out
    }
}

extension UInt32 {
    init(bigEndian bytes: [UInt8], at offset: Int) {
        self = bytes[offset..<offset + 4].reduce(0) { $0 << 8 | UInt32($1) }
    }
}

extension Array where Element == UInt8 {
    mutating func appendBigEndian(_ value: UInt32) {
        append(contentsOf: [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)])
    }
}
