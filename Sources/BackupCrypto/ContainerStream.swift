public import Foundation

/// Streaming encryption and decryption between any byte source and any byte sink.
///
/// Sources are async sequences of byte blocks (``FileDescriptorBytes`` for files and pipes, a
/// subprocess's output, an HTTP body); sinks are closures that receive each block in order. Source
/// blocks are fed to the codec at most one chunk at a time and every output piece is written before
/// the next is made, so besides the source's current block the codec holds one chunk and the piece it
/// produces, whatever the stream's length or the source's block size.
///
/// ```swift
/// let input = FileDescriptorBytes(descriptor: STDIN_FILENO)
/// let output = FileDescriptorSink(descriptor: STDOUT_FILENO)
/// let summary = try await ContainerStream.decrypt(input, passphrase: passphrase, into: output.write)
/// ```
public enum ContainerStream {
    /// Encrypts `source` into a container, handing each output block to `write`.
    ///
    /// - Parameters:
    ///   - source: the plaintext blocks.
    ///   - passphrase: the passphrase the key is derived from.
    ///   - parameters: iterations and chunk size.
    ///   - isolation: the caller's actor, inherited so non-sendable sources and sinks can be used.
    ///   - write: receives the header and every sealed chunk, in order.
    /// - Returns: the container's summary.
    public static func encrypt<Source: AsyncSequence>(
        _ source: Source,
        passphrase: String,
        parameters: EncryptionParameters = .standard,
        isolation: isolated (any Actor)? = #isolation,
        into write: (Data) async throws -> Void
    ) async throws -> ContainerSummary where Source.Element: DataProtocol {
        var blocks = source.containerEncrypted(passphrase: passphrase, parameters: parameters).makeAsyncIterator()
        while let piece = try await blocks.next(isolation: isolation) { try await write(piece) }
        return blocks.summary!
    }

    /// Decrypts a container from `source`, handing each authenticated plaintext block to `write`.
    ///
    /// No block reaches `write` before its chunk's tag verified. On a ``ContainerError`` the blocks
    /// already written are authentic but incomplete: callers writing files discard them.
    /// - Parameters:
    ///   - source: the container's bytes.
    ///   - passphrase: the passphrase it was encrypted with.
    ///   - isolation: the caller's actor, inherited so non-sendable sources and sinks can be used.
    ///   - write: receives the plaintext, in order.
    /// - Returns: the container's summary.
    public static func decrypt<Source: AsyncSequence>(
        _ source: Source,
        passphrase: String,
        isolation: isolated (any Actor)? = #isolation,
        into write: (Data) async throws -> Void
    ) async throws -> ContainerSummary where Source.Element: DataProtocol {
        var blocks = source.containerDecrypted(passphrase: passphrase).makeAsyncIterator()
        while let piece = try await blocks.next(isolation: isolation) { try await write(piece) }
        return blocks.summary!
    }

    /// Authenticates every chunk of a container without keeping the plaintext.
    public static func verify<Source: AsyncSequence>(
        _ source: Source,
        passphrase: String,
        isolation: isolated (any Actor)? = #isolation
    ) async throws -> ContainerSummary where Source.Element: DataProtocol {
        try await decrypt(source, passphrase: passphrase) { _ in }
    }
}

extension DataProtocol {
    /// Consecutive views of at most `size` bytes, without copying.
    func slices(ofAtMost size: Int) -> [SubSequence] {
        var result: [SubSequence] = []
        var rest = self[...]
        while !rest.isEmpty {
            result.append(rest.prefix(size))
            rest = rest.dropFirst(size)
        }
        return result
    }
}
