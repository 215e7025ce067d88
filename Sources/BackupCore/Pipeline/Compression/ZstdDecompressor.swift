import CZstd
public import Foundation

/// Decompresses a stream of zstd frames incrementally, for verification and restore.
///
/// Feed compressed bytes with ``decompress(_:)-(UnsafeRawBufferPointer)`` and write every returned
/// block in order, then call ``finish()``: it throws ``BackupError/Code/compressionTruncated`` when the data
/// ended inside a frame (or held no frame at all). Damaged data throws
/// ``BackupError/Code/compressionCorrupted`` (a frame that does not decode, or a checksum mismatch), data
/// that is not zstd throws ``BackupError/Code/compressionNotZstd``. Concatenated frames decode as one stream,
/// as with `zstd -d`.
///
/// Memory: the frame's window (2 MiB for pgbm's level-3 frames on large inputs, at most 128 MiB,
/// libzstd's default `ZSTD_d_windowLogMax` of 27) plus output blocks of `ZSTD_DStreamOutSize()`
/// (128 KiB). No block reaches the caller before zstd decoded it, but a frame's checksum is checked
/// only at its end: on an error, the blocks already returned are incomplete and must be discarded.
///
/// ```swift
/// var decompressor = try ZstdDecompressor()
/// for try await block in file { try sink.write(decompressor.decompress(block)) }
/// try decompressor.finish()
/// ```
public struct ZstdDecompressor: ~Copyable {
    /// Compressed bytes consumed so far.
    public private(set) var bytesIn: UInt64 = 0
    /// Decompressed bytes returned so far.
    public private(set) var bytesOut: UInt64 = 0
    /// Complete frames decoded so far.
    public private(set) var frames: Int = 0

    private let context: OpaquePointer
    private var inFrame = false
    private var failure: BackupError?

    /// Bytes in one output block: `ZSTD_DStreamOutSize()`, one full zstd block.
    package static var outputBlockSize: Int { ZSTD_DStreamOutSize() }

    /// Creates a decompressor.
    ///
    /// - Throws: ``BackupError/Code/compressionOutOfMemory``.
    public init() throws(BackupError) {
        guard let context = ZSTD_createDCtx() else {
            throw BackupError(.compressionOutOfMemory, "zstd could not allocate a decompression context")
        }
        self.context = context
    }

    deinit {
        ZSTD_freeDCtx(context)
    }

    /// Decompresses `input` and returns the bytes decoded meanwhile, possibly none.
    ///
    /// The result holds everything `input` decodes to, which for very compressible data can be far
    /// larger than `input`; to bound each piece, use ``ZstdDecompressedSequence``.
    public mutating func decompress(_ input: UnsafeRawBufferPointer) throws(BackupError) -> [UInt8] {
        try drain(input)
    }

    /// Decompresses `input` (any bytes: `[UInt8]`, `Data`, slices) and returns the bytes decoded
    /// meanwhile, possibly none.
    public mutating func decompress(_ input: some DataProtocol) throws(BackupError) -> [UInt8] {
        try drain(input)
    }

    /// Checks that the input ended at the end of a frame.
    ///
    /// - Throws: ``BackupError/Code/compressionTruncated`` when it ended inside a frame or held no frame.
    public mutating func finish() throws(BackupError) {
        if let failure { throw failure }
        if inFrame {
            throw BackupError(.compressionTruncated,
                "truncated zstd data: it ends inside frame \(frames + 1), after \(bytesIn) compressed bytes"
                    + " (the file was cut short)")
        }
        if frames == 0 {
            throw BackupError(.compressionTruncated, "truncated zstd data: it is empty, without a single frame")
        }
    }

    /// Runs libzstd on `input[offset...]` until the input is consumed and everything decodable is out,
    /// or one output block is full; advances `offset`.
    ///
    /// With `end` (and empty input) it flushes what is left and, once done, checks like ``finish()``.
    ///
    /// - Returns: at most ``outputBlockSize`` bytes, and whether to call again (input left, or a full
    ///   block that may have more behind it).
    package mutating func step(
        _ input: UnsafeRawBufferPointer, offset: inout Int, end: Bool = false
    ) throws(BackupError) -> (bytes: [UInt8], more: Bool) {
        let block = try decode(input, offset: &offset)
        if end && !block.more { try finish() }
        return block
    }

    private mutating func decode(
        _ input: UnsafeRawBufferPointer, offset: inout Int
    ) throws(BackupError) -> (bytes: [UInt8], more: Bool) {
        if let failure { throw failure }
        let context = self.context
        let capacity = Self.outputBlockSize
        var source = ZSTD_inBuffer(src: input.baseAddress, size: input.count, pos: offset)
        var result = 0
        var inFrame = self.inFrame
        var frames = 0
        let bytes = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
            var output = ZSTD_outBuffer(dst: buffer.baseAddress, size: capacity, pos: 0)
            repeat {
                let consumedBefore = source.pos
                result = ZSTD_decompressStream(context, &output, &source)
                if Zstd.isError(result) { break }
                if result == 0 {
                    if inFrame || source.pos > consumedBefore { frames += 1 }
                    inFrame = false
                } else if source.pos > consumedBefore {
                    inFrame = true
                }
            } while output.pos < output.size && source.pos < source.size
            count = output.pos
        }
        bytesIn += UInt64(source.pos - offset)
        bytesOut += UInt64(bytes.count)
        offset = source.pos
        self.frames += frames
        self.inFrame = inFrame
        if Zstd.isError(result) {
            let error = Self.error(result, firstFrame: self.frames == 0, at: bytesIn)
            failure = error
            throw error
        }
        let more = source.pos < source.size || (bytes.count == capacity && result != 0)
        return (bytes, more)
    }

    private static func error(_ result: Int, firstFrame: Bool, at offset: UInt64) -> BackupError {
        let name = Zstd.errorName(result)
        switch Zstd.errorCode(result) {
        case ZSTD_error_prefix_unknown where firstFrame:
            return BackupError(.compressionNotZstd, "not zstd data: it does not start with the zstd magic number 28 B5 2F FD")
        case ZSTD_error_prefix_unknown:
            return BackupError(.compressionCorrupted, "corrupted zstd data: bytes near offset \(offset) are not a zstd frame (\(name))")
        case ZSTD_error_checksum_wrong:
            return BackupError(.compressionCorrupted,
                "corrupted zstd data: the frame ending near offset \(offset) does not match its checksum")
        case ZSTD_error_frameParameter_windowTooLarge:
            return BackupError(.compressionUnsupported,
                "zstd frame needs a window larger than 128 MiB (made with zstd --long?); not accepted")
        case ZSTD_error_version_unsupported, ZSTD_error_frameParameter_unsupported, ZSTD_error_dictionary_wrong:
            return BackupError(.compressionUnsupported, "unsupported zstd frame near offset \(offset): \(name)")
        case ZSTD_error_memory_allocation:
            return BackupError(.compressionOutOfMemory, "zstd could not allocate memory while decompressing")
        default:
            return BackupError(.compressionCorrupted, "corrupted zstd data near offset \(offset): \(name)")
        }
    }
}
