public import Foundation

extension AsyncSequence where Element: DataProtocol {
    /// This sequence's bytes compressed into one zstd frame, as blocks of at most about 128 KiB.
    ///
    /// - Parameters:
    ///   - level: a level in ``Zstd/levels`` (default 3).
    ///   - workers: worker threads, 0 for none; `nil` for one per processor.
    /// - Throws: ``BackupError/Code/compressionInvalidParameter`` naming `compression_level` or
    ///   `compression_workers`, before anything is read.
    public func zstdCompressed(
        level: Int = Zstd.defaultLevel, workers: Int? = nil
    ) throws(BackupError) -> ZstdCompressedSequence<Self> {
        try ZstdCompressor.validate(level: level, workers: workers)
        return ZstdCompressedSequence(base: self, level: level, workers: workers)
    }

    /// This sequence's zstd frames decompressed, as blocks of at most 128 KiB.
    public func zstdDecompressed() -> ZstdDecompressedSequence<Self> {
        ZstdDecompressedSequence(base: self)
    }
}
