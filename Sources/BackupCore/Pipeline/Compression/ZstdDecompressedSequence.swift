public import Foundation

/// The decompression of an async sequence of zstd bytes, as an async sequence of decoded blocks.
///
/// Made by ``_Concurrency/AsyncSequence/zstdDecompressed()``. Each block is at most
/// `ZSTD_DStreamOutSize()` bytes (128 KiB) and never empty, however compressible the data was. After
/// the last block, the iteration throws ``BackupError/Code/compressionTruncated`` if the input ended inside a
/// frame; damaged input throws ``BackupError/Code/compressionCorrupted`` when it is detected (a frame's
/// checksum at the frame's end), so blocks already handed on must be discarded on any error.
///
/// ```swift
/// let plain = try await ContainerStream.decrypt(...)  // or a file's blocks
/// for try await block in FileDescriptorBytes(descriptor: fd).zstdDecompressed() { try sink.write(block) }
/// ```
public struct ZstdDecompressedSequence<Base: AsyncSequence>: AsyncSequence where Base.Element: DataProtocol {
    /// A block of decompressed bytes.
    public typealias Element = [UInt8]
    /// The base sequence's errors and ``BackupError``.
    public typealias Failure = any Error

    let base: Base

    /// Decodes a new iteration of the base sequence.
    public func makeAsyncIterator() -> Iterator {
        do {
            let decompressor = try ZstdDecompressor()
            return Iterator(base: base.makeAsyncIterator(), pump: .success(CodecPump(decompressor)))
        } catch {
            return Iterator(base: base.makeAsyncIterator(), pump: .failure(error))
        }
    }

    /// Produces the decompressed blocks; not `Sendable`, iterate it within one task.
    public struct Iterator: AsyncIteratorProtocol {
        var base: Base.AsyncIterator
        let pump: Result<CodecPump<ZstdDecompressor, Base.Element>, BackupError>

        /// The next decompressed block; `nil` after the last frame.
        public mutating func next() async throws -> [UInt8]? {
            try await next(isolation: nil)
        }

        /// The next decompressed block; `nil` after the last frame.
        public mutating func next(isolation actor: isolated (any Actor)?) async throws -> [UInt8]? {
            try await pump.get().pull(from: &base, isolation: actor)
        }
    }
}

extension ZstdDecompressedSequence: Sendable where Base: Sendable {}
