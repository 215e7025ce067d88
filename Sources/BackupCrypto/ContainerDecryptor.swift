public import Foundation

/// Decrypts a pgbm container incrementally, releasing a chunk's plaintext only after its tag verified.
///
/// Feed container bytes with ``update(_:)`` and ``finalize()``; each returns the plaintext pieces that
/// are now authenticated. A full chunk is held until the next byte (or the end of the data) shows
/// whether it must be the final one, so at most one stored chunk plus one plaintext chunk are in memory.
///
/// ```swift
/// var decryptor = try ContainerDecryptor(passphrase: passphrase)
/// for piece in try decryptor.update(bytes) { try sink.write(piece) }
/// for piece in try decryptor.finalize() { try sink.write(piece) }
/// ```
public struct ContainerDecryptor: Sendable, CustomStringConvertible, CustomReflectable {
    /// What opens the container: a passphrase (the key is derived from the header), or a key derived
    /// earlier from the same header.
    enum Credential: Sendable {
        case passphrase(String)
        case key(ContainerKey)
    }

    private let credential: Credential
    private var headerBytes: [UInt8] = []
    private var cipher: ChunkCipher?
    private var splitter = BlockSplitter(size: 0)
    private var index: UInt64 = 0
    private var plaintextBytes: UInt64 = 0
    private var containerBytes: UInt64 = 0
    private var finished = false

    /// Prepares to decrypt with a passphrase; the key is derived once the header has arrived.
    public init(passphrase: String) throws(ContainerError) {
        guard !passphrase.isEmpty else { throw .emptyPassphrase }
        self.credential = .passphrase(passphrase)
    }

    /// Prepares to decrypt with a key already derived from this container's header (``ContainerKey``
    /// with its salt and iterations), which saves a second PBKDF2 when the same file is read again; a key
    /// that does not match the header fails as ``ContainerError/wrongPassphrase``.
    public init(key: ContainerKey) {
        self.credential = .key(key)
    }

    /// Names the decryptor's progress; never the passphrase.
    public var description: String { "ContainerDecryptor(chunks: \(index), plaintext bytes: \(plaintextBytes))" }

    /// Hides the passphrase from `dump` and debuggers.
    public var customMirror: Mirror { Mirror(self, children: ["chunks": index, "plaintextBytes": plaintextBytes]) }

    /// How many bytes to feed at a time to keep memory at one stored chunk: the stored chunk size once the
    /// header is known (a 1 MiB default before).
    public var feedSize: Int { splitter.size > 0 ? splitter.size : 1 << 20 }

    /// The parsed header, once its 57 bytes have arrived and the passphrase matched.
    public var header: ContainerHeader? { cipher?.header }

    /// Totals so far; complete after ``finalize()`` succeeded.
    public var summary: ContainerSummary? {
        cipher.map {
            ContainerSummary(header: $0.header, chunkCount: index, plaintextBytes: plaintextBytes, containerBytes: containerBytes)
        }
    }

    /// Consumes container bytes and returns the plaintext of every chunk authenticated so far.
    ///
    /// When this call throws, it returns nothing, not even chunks it authenticated before reaching the
    /// damage; feed at most ``feedSize`` bytes per call (as ``ContainerStream`` does) to receive every
    /// authentic chunk before the error.
    public mutating func update(_ bytes: some DataProtocol) throws(ContainerError) -> [Data] {
        precondition(!finished, "update(_:) after finalize()")
        containerBytes += UInt64(bytes.count)
        var rest = bytes[...]
        if cipher == nil {
            let take = min(ContainerHeader.byteCount - headerBytes.count, rest.count)
            headerBytes += rest.prefix(take)
            rest = rest.dropFirst(take)
            try checkMagicSoFar()
            guard headerBytes.count == ContainerHeader.byteCount else { return [] }
            try openHeader()
        }
        var out: [Data] = []
        var splitter = splitter
        self.splitter = BlockSplitter(size: 0)  // keep the held buffer uniquely referenced
        defer { self.splitter = splitter }
        try splitter.feed(rest) { (stored) throws(ContainerError) in out.append(try openFollowed(stored)) }
        return out
    }

    /// Marks the end of the data: authenticates the final chunk and returns its plaintext.
    public mutating func finalize() throws(ContainerError) -> [Data] {
        precondition(!finished, "finalize() called twice")
        finished = true
        guard let cipher else {
            guard headerBytes.count >= ContainerHeader.magic.count else { throw .notContainer }
            throw .truncated(chunks: 0)
        }
        let record = splitter.takeHeld()
        guard record.count >= ChunkCipher.tagCount else { throw .truncated(chunks: index) }
        let chunk = try chunkIndex()
        if let plaintext = cipher.open(record, index: chunk, last: true) {
            return [accept(plaintext)]
        }
        if record.count == splitter.size, cipher.open(record, index: chunk, last: false) != nil {
            throw .truncated(chunks: index + 1)
        }
        throw .corrupted(chunk: index)
    }

    /// Opens a full stored chunk that has more bytes after it, so it must not be the final one.
    private mutating func openFollowed(_ stored: some DataProtocol) throws(ContainerError) -> Data {
        let cipher = cipher!
        let chunk = try chunkIndex()
        if let plaintext = cipher.open(stored, index: chunk, last: false) { return accept(plaintext) }
        if cipher.open(stored, index: chunk, last: true) != nil { throw .trailingData(afterChunk: index) }
        throw .corrupted(chunk: index)
    }

    private mutating func accept(_ plaintext: Data) -> Data {
        index += 1
        plaintextBytes += UInt64(plaintext.count)
        return plaintext
    }

    private func chunkIndex() throws(ContainerError) -> UInt32 {
        // A writer never goes past chunk 2^32-1, so anything after it is not part of the container.
        guard index <= UInt64(UInt32.max) else { throw .corrupted(chunk: index) }
        return UInt32(index)
    }

    private func checkMagicSoFar() throws(ContainerError) {
        let prefix = min(headerBytes.count, ContainerHeader.magic.count)
        guard headerBytes.prefix(prefix).elementsEqual(ContainerHeader.magic.prefix(prefix)) else { throw .notContainer }
    }

    private mutating func openHeader() throws(ContainerError) {
        let header = try ContainerHeader(decoding: headerBytes)
        let key: ContainerKey
        switch credential {
        case .passphrase(let passphrase):
            key = try ContainerKey(passphrase: passphrase, salt: header.salt, iterations: Int(header.iterations))
        case .key(let known):
            key = known
        }
        guard key.matches(header) else { throw .wrongPassphrase }
        cipher = ChunkCipher(key: key, header: header)
        splitter = BlockSplitter(size: Int(header.chunkSize) + ChunkCipher.tagCount)
    }
}
