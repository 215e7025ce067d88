public import Foundation

/// Streaming encryption and decryption between any byte source and any byte sink.
///
/// Sources are async sequences of byte blocks (``FileDescriptorBytes`` for files and pipes, a
/// subprocess's output, an HTTP body); sinks are closures that receive each block in order. Memory stays
/// at about two chunks whatever the stream's length.
///
/// ```swift
/// let input = FileDescriptorBytes(descriptor: STDIN_FILENO)
/// let output = FileDescriptorSink(descriptor: STDOUT_FILENO)
/// let summary = try await ContainerStream.decrypt(input, passphrase: passphrase) { try output.write($0) }
/// ```
public enum ContainerStream {
    /// Encrypts `source` into a container, handing each output block to `write`.
    ///
    /// - Parameters:
    ///   - source: the plaintext blocks.
    ///   - passphrase: the passphrase the key is derived from.
    ///   - parameters: iterations and chunk size.
    ///   - write: receives the header and every sealed chunk, in order.
    /// - Returns: the container's summary.
    public static func encrypt<Source: AsyncSequence>(
        _ source: Source,
        passphrase: String,
        parameters: EncryptionParameters = .standard,
        into write: (Data) async throws -> Void
    ) async throws -> ContainerSummary where Source.Element: DataProtocol {
        var encryptor = try ContainerEncryptor(passphrase: passphrase, parameters: parameters)
        for try await block in source {
            for piece in try encryptor.update(block) { try await write(piece) }
        }
        for piece in try encryptor.finalize() { try await write(piece) }
        return encryptor.summary
    }

    /// Decrypts a container from `source`, handing each authenticated plaintext block to `write`.
    ///
    /// No block reaches `write` before its chunk's tag verified. On a ``ContainerError`` the blocks
    /// already written are authentic but incomplete: callers writing files discard them.
    /// - Parameters:
    ///   - source: the container's bytes.
    ///   - passphrase: the passphrase it was encrypted with.
    ///   - write: receives the plaintext, in order.
    /// - Returns: the container's summary.
    public static func decrypt<Source: AsyncSequence>(
        _ source: Source,
        passphrase: String,
        into write: (Data) async throws -> Void
    ) async throws -> ContainerSummary where Source.Element: DataProtocol {
        var decryptor = try ContainerDecryptor(passphrase: passphrase)
        for try await block in source {
            for piece in try decryptor.update(block) { try await write(piece) }
        }
        for piece in try decryptor.finalize() { try await write(piece) }
        return decryptor.summary!
    }

    /// Authenticates every chunk of a container without keeping the plaintext.
    public static func verify<Source: AsyncSequence>(
        _ source: Source,
        passphrase: String
    ) async throws -> ContainerSummary where Source.Element: DataProtocol {
        try await decrypt(source, passphrase: passphrase) { _ in }
    }
}
