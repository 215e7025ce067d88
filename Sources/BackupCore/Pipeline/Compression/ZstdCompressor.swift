import CZstd
public import Foundation

/// Compresses a byte stream into a zstd frame, incrementally and with bounded memory.
///
/// Feed input with ``compress(_:)-(UnsafeRawBufferPointer)`` and write every returned block in order
/// (often empty: zstd collects a block or, with workers, a job before it emits anything); ``finish()``
/// ends the frame and returns the rest. The frame carries a content checksum (XXH64), so `zstd -t` and
/// ``ZstdDecompressor`` detect damage. After ``finish()`` the next input starts a new frame; zstd
/// readers treat concatenated frames as one stream.
///
/// Memory does not grow with the input: libzstd holds its window, hash tables and, with workers, a few
/// jobs in flight (about 20 MiB per worker at level 3, see `Docs/COMPRESSION.md`), and output is made in
/// buffers of `ZSTD_CStreamOutSize()` (about 128 KiB). The compressor is non-copyable, so exactly one
/// owner frees the libzstd context, when it goes out of scope; it is not `Sendable` (use it within one
/// task, or move it into the task that uses it).
///
/// ```swift
/// var compressor = try ZstdCompressor(level: 3, workers: 2)
/// for try await block in dump { try sink.write(compressor.compress(block)) }
/// try sink.write(compressor.finish())
/// ```
public struct ZstdCompressor: ~Copyable {
    /// The compression level.
    public let level: Int
    /// The worker threads asked for (the configured value, or ``Zstd/defaultWorkers``).
    public let requestedWorkers: Int
    /// The worker threads libzstd compresses with; 0 compresses on the calling thread.
    ///
    /// Less than ``requestedWorkers`` only when libzstd was built without multi-threading
    /// (``Zstd/supportsMultithreading``): pgbm then compresses single-threaded rather than fail, and
    /// callers should log the difference.
    public let workers: Int
    /// Uncompressed bytes consumed so far.
    public private(set) var bytesIn: UInt64 = 0
    /// Compressed bytes returned so far.
    public private(set) var bytesOut: UInt64 = 0

    private let context: OpaquePointer
    private var failure: BackupError?

    /// Bytes in one output block: `ZSTD_CStreamOutSize()`, enough for one compressed zstd block.
    package static var outputBlockSize: Int { ZSTD_CStreamOutSize() }

    /// Creates a compressor; it starts a frame with the first input.
    ///
    /// - Parameters:
    ///   - level: a level in ``Zstd/levels`` (default 3); 0 means zstd's default, also 3.
    ///   - workers: worker threads, 0 for none; `nil` for ``Zstd/defaultWorkers`` (the processor count).
    /// - Throws: ``BackupError/Code/compressionInvalidParameter`` naming `compression_level` or
    ///   `compression_workers`; ``BackupError/Code/compressionOutOfMemory``.
    public init(level: Int = Zstd.defaultLevel, workers: Int? = nil) throws(BackupError) {
        try Self.validate(level: level, workers: workers)
        let requested = workers ?? Zstd.defaultWorkers
        guard let context = ZSTD_createCCtx() else {
            throw BackupError(.compressionOutOfMemory, "zstd could not allocate a compression context")
        }
        do {
            self.workers = try Self.configure(context, level: level, workers: requested)
        } catch {
            ZSTD_freeCCtx(context)
            throw error
        }
        self.context = context
        self.level = level
        self.requestedWorkers = requested
    }

    deinit {
        ZSTD_freeCCtx(context)
    }

    /// Checks a level and a worker count without creating a context.
    ///
    /// - Throws: ``BackupError/Code/compressionInvalidParameter`` naming `compression_level` or `compression_workers`.
    public static func validate(level: Int, workers: Int?) throws(BackupError) {
        let levels = Zstd.levels
        guard levels.contains(level) else {
            throw BackupError(.compressionInvalidParameter,
                "\(level) is not a zstd level; expected \(levels.lowerBound) to \(levels.upperBound)"
                    + " (1 to 19 usual, default \(Zstd.defaultLevel))",
                field: "compression_level")
        }
        guard let workers else { return }
        let limit = Zstd.maxWorkers
        guard (0...limit).contains(workers) else {
            throw BackupError(.compressionInvalidParameter, "\(workers) workers is out of range; expected 0 (no threads) to \(limit)",
                field: "compression_workers")
        }
    }

    /// libzstd's current memory use for this compressor in bytes (context, window, workers' buffers).
    public var memoryUsage: Int { ZSTD_sizeof_CCtx(context) }

    /// Compresses `input` and returns the compressed bytes produced meanwhile, possibly none.
    ///
    /// The result holds everything zstd emitted while consuming `input`; with workers that can include
    /// a finished job (a few MiB at level 3). To bound each piece, use ``ZstdCompressedSequence``.
    public mutating func compress(_ input: UnsafeRawBufferPointer) throws(BackupError) -> [UInt8] {
        try drain(input)
    }

    /// Compresses `input` (any bytes: `[UInt8]`, `Data`, slices) and returns the compressed bytes
    /// produced meanwhile, possibly none.
    public mutating func compress(_ input: some DataProtocol) throws(BackupError) -> [UInt8] {
        try drain(input)
    }

    /// Ends the frame (its last block and checksum) and returns the remaining compressed bytes.
    ///
    /// With workers this waits for the jobs in flight. Input after `finish()` starts a new frame.
    public mutating func finish() throws(BackupError) -> [UInt8] {
        var output: [UInt8] = []
        var offset = 0
        var more = true
        while more {
            let block = try step(UnsafeRawBufferPointer(start: nil, count: 0), offset: &offset, end: true)
            output.appendBlock(block.bytes)
            more = block.more
        }
        return output
    }

    /// Runs libzstd on `input[offset...]` until the input is consumed (or, with `end`, the frame is
    /// complete) or one output block is full; advances `offset`.
    ///
    /// - Returns: at most ``outputBlockSize`` compressed bytes, and whether to call again (input left,
    ///   a full block that may have more behind it, or an unfinished frame end).
    package mutating func step(
        _ input: UnsafeRawBufferPointer, offset: inout Int, end: Bool
    ) throws(BackupError) -> (bytes: [UInt8], more: Bool) {
        if let failure { throw failure }
        let context = self.context
        let capacity = Self.outputBlockSize
        var source = ZSTD_inBuffer(src: input.baseAddress, size: input.count, pos: offset)
        var result = 0
        let bytes = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
            var output = ZSTD_outBuffer(dst: buffer.baseAddress, size: capacity, pos: 0)
            repeat {
                result = ZSTD_compressStream2(context, &output, &source, end ? ZSTD_e_end : ZSTD_e_continue)
            } while !Zstd.isError(result) && output.pos < output.size
                && (end ? result != 0 : source.pos < source.size)
            count = output.pos
        }
        bytesIn += UInt64(source.pos - offset)
        bytesOut += UInt64(bytes.count)
        offset = source.pos
        if Zstd.isError(result) {
            let error = Self.error(result)
            failure = error
            throw error
        }
        let more = end ? result != 0 : (source.pos < source.size || bytes.count == capacity)
        return (bytes, more)
    }

    /// Applies level, checksum and workers; returns the worker count in effect.
    private static func configure(_ context: OpaquePointer, level: Int, workers: Int) throws(BackupError) -> Int {
        try set(context, ZSTD_c_compressionLevel, level, field: "compression_level")
        try set(context, ZSTD_c_checksumFlag, 1, field: "checksum")
        guard workers > 0 else { return 0 }
        // A libzstd without ZSTD_MULTITHREAD refuses any worker count: compress on the caller's thread.
        let result = ZSTD_CCtx_setParameter(context, ZSTD_c_nbWorkers, Int32(workers))
        guard !Zstd.isError(result) else { return 0 }
        // Jobs of 2 MiB instead of zstd's default (8 MiB at level 3) cut the state of 2 workers from about
        // 57 to 19 MiB for a size cost of about 0.06 % (Docs/COMPRESSION.md); pgbm runs on 1 GB machines.
        _ = ZSTD_CCtx_setParameter(context, ZSTD_c_jobSize, Int32(Self.jobSize))
        return workers
    }

    /// The bytes each zstd worker compresses as one job.
    static let jobSize = 2 << 20

    private static func set(
        _ context: OpaquePointer, _ parameter: ZSTD_cParameter, _ value: Int, field: String
    ) throws(BackupError) {
        let result = ZSTD_CCtx_setParameter(context, parameter, Int32(clamping: value))
        if Zstd.isError(result) {
            throw BackupError(.compressionInvalidParameter, "zstd refused \(value): \(Zstd.errorName(result))", field: field)
        }
    }

    private static func error(_ result: Int) -> BackupError {
        if Zstd.errorCode(result) == ZSTD_error_memory_allocation {
            return BackupError(.compressionOutOfMemory, "zstd could not allocate memory while compressing")
        }
        return BackupError(.compressionLibrary, "zstd compression failed: \(Zstd.errorName(result))")
    }
}
