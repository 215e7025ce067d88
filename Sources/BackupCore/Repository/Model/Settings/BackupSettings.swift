/// How backups are made: dump format, compression, verification, and where the PostgreSQL tools are.
public struct BackupSettings: SettingsGroup {
    public static let key = "backup"
    public static var defaults: BackupSettings { BackupSettings() }

    /// `custom` (default), `plain` or `directory` (written as tar).
    public var format = "custom"
    /// `zstd` (pgbm compresses, default), `gzip` (pg_dump compresses) or `none`.
    public var compression = "zstd"
    /// zstd level, 1 ... 19 (default 3).
    public var compressionLevel = 3
    /// zstd worker threads; 0 means one per processor.
    public var compressionWorkers = 0
    /// Check every backup after writing (decrypt, decompress, `pg_restore --list`).
    public var verify = true
    /// A `pg_dump` to consider besides the installed ones (`pg_dump_path`).
    public var pgDumpPath: String?
    /// A `pg_restore` to consider besides the installed ones (`pg_restore_path`).
    public var pgRestorePath: String?
    /// Where restores put downloads and the expanded archive for `pg_restore --jobs` (`scratch_directory`);
    /// `nil` means `<data dir>/scratch`. Put it on a disk with room for the largest backup, not a tmpfs.
    public var scratchDirectory: String?

    public init() {}

    public func validate() throws(StoreError) {
        try Validate.that(["custom", "plain", "directory"].contains(format), field: "format", "must be custom, plain or directory")
        try Validate.that(["zstd", "gzip", "none"].contains(compression), field: "compression", "must be zstd, gzip or none")
        try Validate.that((1...19).contains(compressionLevel), field: "compression_level", "must be between 1 and 19")
        try Validate.that((0...64).contains(compressionWorkers), field: "compression_workers", "must be between 0 and 64")
        for (field, path) in [("pg_dump_path", pgDumpPath), ("pg_restore_path", pgRestorePath), ("scratch_directory", scratchDirectory)] {
            try TextRule.path.check(path, field: field)
            try Validate.that(path.map { $0.hasPrefix("/") } ?? true, field: field, "must be an absolute path")
        }
    }
}
