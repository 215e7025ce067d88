import Crypto
public import Foundation

/// Encrypts a byte stream into a pgbm container, incrementally and with bounded memory.
///
/// Feed plaintext with ``update(_:)`` and write every returned piece in order (the first one is the
/// header); ``finalize()`` returns the final chunk. At most one chunk of plaintext is buffered: a full
/// chunk is held back until the next byte shows it is not the last one.
///
/// ```swift
/// var encryptor = try ContainerEncryptor(passphrase: passphrase)
/// for piece in try encryptor.update(bytes) { try sink.write(piece) }
/// for piece in try encryptor.finalize() { try sink.write(piece) }
/// ```
public struct ContainerEncryptor: Sendable {
    /// The header of the container being written.
    public let header: ContainerHeader
    private let cipher: ChunkCipher
    private var splitter: BlockSplitter
    private var index: UInt64 = 0
    private var headerEmitted = false
    private var finalized = false
    private var plaintextBytes: UInt64 = 0
    private var containerBytes: UInt64 = 0

    /// Derives a key from the passphrase with a random salt and nonce prefix.
    ///
    /// - Parameters:
    ///   - passphrase: the passphrase (non-empty).
    ///   - parameters: iterations and chunk size.
    public init(passphrase: String, parameters: EncryptionParameters = .standard) throws(ContainerError) {
        try self.init(
            passphrase: passphrase, parameters: parameters,
            salt: Self.randomBytes(ContainerHeader.saltCount),
            noncePrefix: Self.randomBytes(ContainerHeader.noncePrefixCount))
    }

    /// Encrypts with a key derived earlier (``ContainerKey/forNewContainer(passphrase:parameters:)``) and a
    /// fresh random nonce prefix. Use a key for one container only.
    ///
    /// - Parameters:
    ///   - key: the key, with the salt and iterations the header records.
    ///   - chunkSize: plaintext bytes per chunk.
    public init(key: ContainerKey, chunkSize: Int = EncryptionParameters.defaultChunkSize) throws(ContainerError) {
        try EncryptionParameters.check("chunk size", chunkSize, EncryptionParameters.acceptedChunkSizes)
        self.init(key: key, chunkSize: chunkSize, noncePrefix: Self.randomBytes(ContainerHeader.noncePrefixCount))
    }

    /// Fixed salt and nonce prefix, for known-answer tests only: reusing them across files breaks GCM.
    package init(passphrase: String, parameters: EncryptionParameters, salt: [UInt8], noncePrefix: [UInt8]) throws(ContainerError) {
        precondition(salt.count == ContainerHeader.saltCount && noncePrefix.count == ContainerHeader.noncePrefixCount)
        let key = try ContainerKey(passphrase: passphrase, salt: salt, iterations: parameters.iterations)
        self.init(key: key, chunkSize: parameters.chunkSize, noncePrefix: noncePrefix)
    }

    private init(key: ContainerKey, chunkSize: Int, noncePrefix: [UInt8]) {
        precondition(key.salt.count == ContainerHeader.saltCount && noncePrefix.count == ContainerHeader.noncePrefixCount)
        let header = ContainerHeader(
            iterations: UInt32(key.iterations), salt: key.salt, noncePrefix: noncePrefix,
            chunkSize: UInt32(chunkSize), keyCheck: key.keyCheck)
        self.header = header
        self.cipher = ChunkCipher(key: key, header: header)
        self.splitter = BlockSplitter(size: chunkSize)
    }

    /// Consumes plaintext and returns what to write next: the header (first call), then sealed chunks.
    ///
    /// The pieces may be slices of larger buffers (their `startIndex` need not be 0).
    public mutating func update(_ plaintext: some DataProtocol) throws(ContainerError) -> [Data] {
        precondition(!finalized, "update(_:) after finalize()")
        var out = takeHeader()
        plaintextBytes += UInt64(plaintext.count)
        var splitter = splitter
        self.splitter = BlockSplitter(size: 0)  // keep the held buffer uniquely referenced
        defer { self.splitter = splitter }
        try splitter.feed(plaintext) { (chunk) throws(ContainerError) in out.append(try seal(chunk, last: false)) }
        return out
    }

    /// Seals the buffered plaintext as the final chunk and returns the remaining pieces to write.
    public mutating func finalize() throws(ContainerError) -> [Data] {
        precondition(!finalized, "finalize() called twice")
        var out = takeHeader()
        out.append(try seal(splitter.takeHeld(), last: true))
        finalized = true
        return out
    }

    /// What was written so far; complete after ``finalize()``.
    public var summary: ContainerSummary {
        ContainerSummary(header: header, chunkCount: index, plaintextBytes: plaintextBytes, containerBytes: containerBytes)
    }

    private mutating func takeHeader() -> [Data] {
        guard !headerEmitted else { return [] }
        headerEmitted = true
        containerBytes += UInt64(ContainerHeader.byteCount)
        return [Data(cipher.headerBytes)]
    }

    private mutating func seal(_ plaintext: some DataProtocol, last: Bool) throws(ContainerError) -> Data {
        guard index <= UInt64(UInt32.max) else { throw .tooManyChunks }
        let record = cipher.seal(plaintext, index: UInt32(index), last: last)
        index += 1
        containerBytes += UInt64(record.count)
        return record
    }

    static func randomBytes(_ count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    }
}
