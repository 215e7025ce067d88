public import Foundation

/// The zstd compression of an async sequence of byte chunks, as an async sequence of compressed blocks.
///
/// Made by ``_Concurrency/AsyncSequence/zstdCompressed(level:workers:)``. Each block is at most
/// `ZSTD_CStreamOutSize()` bytes (about 128 KiB) and never empty; together they form one zstd frame
/// with a checksum. Besides libzstd's own state (see ``ZstdCompressor``) it holds the source's current
/// chunk and one block, so it chains into the encryptor with bounded memory:
///
/// ```swift
/// let compressed = try dumpOutput.zstdCompressed(level: 3, workers: 2)
/// let summary = try await ContainerStream.encrypt(compressed, passphrase: passphrase, into: file.write)
/// ```
///
/// Compression runs on the iterating task; with workers, libzstd's threads do most of the work and the
/// task waits for them when they are all busy.
public struct ZstdCompressedSequence<Base: AsyncSequence>: AsyncSequence where Base.Element: DataProtocol {
    /// A block of compressed bytes.
    public typealias Element = [UInt8]
    /// The base sequence's errors and ``BackupError``.
    public typealias Failure = any Error

    let base: Base
    let level: Int
    let workers: Int?

    /// Starts a new frame over a new iteration of the base sequence.
    public func makeAsyncIterator() -> Iterator {
        do {
            let compressor = try ZstdCompressor(level: level, workers: workers)
            return Iterator(base: base.makeAsyncIterator(), pump: .success(CodecPump(compressor)))
        } catch {
            return Iterator(base: base.makeAsyncIterator(), pump: .failure(error))
        }
    }

    /// Produces the compressed blocks; not `Sendable`, iterate it within one task.
    public struct Iterator: AsyncIteratorProtocol {
        var base: Base.AsyncIterator
        let pump: Result<CodecPump<ZstdCompressor, Base.Element>, BackupError>

        /// The next compressed block; `nil` after the frame's end.
        public mutating func next() async throws -> [UInt8]? {
            try await next(isolation: nil)
        }

        /// The next compressed block; `nil` after the frame's end.
        public mutating func next(isolation actor: isolated (any Actor)?) async throws -> [UInt8]? {
            try await pump.get().pull(from: &base, isolation: actor)
        }
    }
}

extension ZstdCompressedSequence: Sendable where Base: Sendable {}
