/// How a backup's dump is compressed: by pgbm with zstd (the default), not at all, or by pg_dump.
///
/// pgbm compresses rather than pg_dump (design §1): pg_dump writes uncompressed output (`-Z0`) and pgbm
/// runs it through multi-threaded zstd before encryption, which is several times faster than pg_dump's
/// single-threaded gzip at a similar size. The manifest records ``method`` (`zstd`, `none`, `gzip`);
/// the file name gets ``fileSuffix`` (`.zst` for zstd).
///
/// ```swift
/// let compression = Compression.zstd(level: 3, workers: 2)
/// try compression.validate()
/// let name = "app_20261126T020000Z.dump" + compression.fileSuffix  // app_20261126T020000Z.dump.zst
/// ```
///
/// In an optional context write `Compression.none`, since `.none` alone means `Optional.none`.
public enum Compression: Sendable, Hashable {
    /// pgbm compresses pg_dump's uncompressed output with zstd at `level` using `workers` threads
    /// (`nil`: one per processor, ``Zstd/defaultWorkers``).
    case zstd(level: Int = Zstd.defaultLevel, workers: Int? = nil)
    /// Nothing compresses: pg_dump writes uncompressed output and pgbm passes it through.
    case none
    /// pg_dump compresses with its own gzip (its default for the custom and directory formats); pgbm
    /// passes its output through unchanged.
    case pgDumpGzip

    /// The default: zstd level 3, one worker per processor.
    public static let standard = Compression.zstd()

    /// Builds the setting from a manifest or settings method and, for zstd, its level and workers.
    public init(method: Method, level: Int = Zstd.defaultLevel, workers: Int? = nil) {
        switch method {
        case .zstd: self = .zstd(level: level, workers: workers)
        case .none: self = .none
        case .pgDumpGzip: self = .pgDumpGzip
        }
    }

    /// The method as recorded in the manifest.
    public var method: Method {
        switch self {
        case .zstd: .zstd
        case .none: .none
        case .pgDumpGzip: .pgDumpGzip
        }
    }

    /// What pgbm appends to the dump's file name: `.zst` for zstd, nothing otherwise.
    public var fileSuffix: String { method.fileSuffix }

    /// Whether pgbm itself compresses (and so asks pg_dump for uncompressed output).
    public var compressesInPgbm: Bool { method == .zstd }

    /// Whether pg_dump is asked for uncompressed output (`--compress=0`): for zstd and none.
    public var pgDumpWritesUncompressed: Bool { method != .pgDumpGzip }

    /// Checks the zstd level and worker count.
    ///
    /// - Throws: ``BackupError/Code/compressionInvalidParameter`` naming `compression_level` or `compression_workers`.
    public func validate() throws(BackupError) {
        if case .zstd(let level, let workers) = self {
            try ZstdCompressor.validate(level: level, workers: workers)
        }
    }
}

extension Compression: CustomStringConvertible {
    /// `zstd level 3, 2 workers`, `zstd level 3` (workers by processor count), `none`, `gzip by pg_dump`.
    public var description: String {
        switch self {
        case .zstd(let level, let workers?): "zstd level \(level), \(workers) worker\(workers == 1 ? "" : "s")"
        case .zstd(let level, nil): "zstd level \(level)"
        case .none: "none"
        case .pgDumpGzip: "gzip by pg_dump"
        }
    }
}
