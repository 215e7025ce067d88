public import Foundation

extension AsyncSequence where Element: DataProtocol {
    /// This plaintext as a pgbm container, pulled block by block: the header first, then each sealed
    /// chunk as soon as it is complete. Memory stays at one chunk plus the current source block.
    /// - Throws: (while iterating) ``ContainerError`` from the encryptor, or the source's errors.
    public func containerEncrypted(passphrase: String, parameters: EncryptionParameters = .standard) -> ContainerEncryptedSequence<Self> {
        ContainerEncryptedSequence(base: self, keying: .passphrase(passphrase, parameters), chunkSize: parameters.chunkSize)
    }

    /// As ``containerEncrypted(passphrase:parameters:)``, with a key derived earlier for this container
    /// (``ContainerKey/forNewContainer(passphrase:parameters:)``), so no PBKDF2 runs while the data waits.
    public func containerEncrypted(key: ContainerKey, chunkSize: Int = EncryptionParameters.defaultChunkSize) -> ContainerEncryptedSequence<Self> {
        ContainerEncryptedSequence(base: self, keying: .key(key), chunkSize: chunkSize)
    }

    /// The plaintext of this container, pulled block by block; no block is returned before its chunk
    /// authenticated. A wrong passphrase, a corrupted or truncated container throws its ``ContainerError``.
    public func containerDecrypted(passphrase: String) -> ContainerDecryptedSequence<Self> {
        ContainerDecryptedSequence(base: self, credential: .passphrase(passphrase))
    }

    /// As ``containerDecrypted(passphrase:)``, with a key derived earlier from this container's header.
    public func containerDecrypted(key: ContainerKey) -> ContainerDecryptedSequence<Self> {
        ContainerDecryptedSequence(base: self, credential: .key(key))
    }
}

/// See ``_Concurrency/AsyncSequence/containerEncrypted(passphrase:parameters:)``.
public struct ContainerEncryptedSequence<Base: AsyncSequence>: AsyncSequence where Base.Element: DataProtocol {
    public typealias Element = Data
    public typealias Failure = any Error
    let base: Base
    let keying: Keying
    let chunkSize: Int

    enum Keying: Sendable {
        case passphrase(String, EncryptionParameters)
        case key(ContainerKey)
    }

    public func makeAsyncIterator() -> Iterator {
        Iterator(base: base.makeAsyncIterator(), keying: keying, chunkSize: chunkSize)
    }

    /// Pulls source blocks until the encryptor has output.
    public struct Iterator: AsyncIteratorProtocol {
        var base: Base.AsyncIterator
        let keying: Keying
        let chunkSize: Int
        var encryptor: ContainerEncryptor?
        var pending = PendingBlocks()
        var finished = false

        public mutating func next() async throws -> Data? { try await next(isolation: nil) }

        public mutating func next(isolation actor: isolated (any Actor)?) async throws(any Error) -> Data? {
            if encryptor == nil {
                switch keying {
                case .passphrase(let passphrase, let parameters): encryptor = try ContainerEncryptor(passphrase: passphrase, parameters: parameters)
                case .key(let key): encryptor = try ContainerEncryptor(key: key, chunkSize: chunkSize)
                }
            }
            while pending.isEmpty, !finished {
                if let block = try await base.next(isolation: actor) {
                    for slice in block.slices(ofAtMost: chunkSize) { pending.append(try encryptor!.update(slice)) }
                } else {
                    pending.append(try encryptor!.finalize())
                    finished = true
                }
            }
            return pending.popFirst()
        }

        /// What the container says about itself, once iteration ended.
        public var summary: ContainerSummary? { finished ? encryptor?.summary : nil }
    }
}

/// See ``_Concurrency/AsyncSequence/containerDecrypted(passphrase:)``.
public struct ContainerDecryptedSequence<Base: AsyncSequence>: AsyncSequence where Base.Element: DataProtocol {
    public typealias Element = Data
    public typealias Failure = any Error
    let base: Base
    let credential: ContainerDecryptor.Credential

    public func makeAsyncIterator() -> Iterator { Iterator(base: base.makeAsyncIterator(), credential: credential) }

    /// Pulls container blocks until the decryptor has authenticated plaintext.
    public struct Iterator: AsyncIteratorProtocol {
        var base: Base.AsyncIterator
        let credential: ContainerDecryptor.Credential
        var decryptor: ContainerDecryptor?
        var pending = PendingBlocks()
        var finished = false

        public mutating func next() async throws -> Data? { try await next(isolation: nil) }

        public mutating func next(isolation actor: isolated (any Actor)?) async throws(any Error) -> Data? {
            if decryptor == nil {
                switch credential {
                case .passphrase(let passphrase): decryptor = try ContainerDecryptor(passphrase: passphrase)
                case .key(let key): decryptor = ContainerDecryptor(key: key)
                }
            }
            while pending.isEmpty, !finished {
                if let block = try await base.next(isolation: actor) {
                    for slice in block.slices(ofAtMost: decryptor!.feedSize) { pending.append(try decryptor!.update(slice)) }
                } else {
                    pending.append(try decryptor!.finalize())
                    finished = true
                }
            }
            return pending.popFirst()
        }

        /// What the container says about itself, once iteration ended.
        public var summary: ContainerSummary? { finished ? decryptor?.summary : nil }
    }
}

/// Output blocks waiting to be returned, in order.
struct PendingBlocks {
    private var blocks: [Data] = []
    private var head = 0

    var isEmpty: Bool { head == blocks.count }

    mutating func append(_ more: [Data]) {
        if head == blocks.count {
            blocks = more
            head = 0
        } else {
            blocks += more
        }
    }

    /// Hands out the first block and lets go of it, so the codec can reuse its storage for the next one.
    mutating func popFirst() -> Data? {
        guard head < blocks.count else { return nil }
        let block = blocks[head]
        blocks[head] = Data()
        head += 1
        return block
    }
}
