/// How a backup file is built, from outside in (design §4): container encryption, zstd, the dump.
struct BackupLayers: Sendable, Equatable {
    var encrypted: Bool
    /// pgbm's own zstd layer.
    var zstd: Bool
    /// `custom`, `plain` or `directory` (tar).
    var format: String

    /// From the manifest.
    init(manifest: BackupManifest) {
        encrypted = manifest.encrypted
        zstd = manifest.compression == Compression.Method.zstd.rawValue
        format = manifest.format
    }

    /// From the file name (`app_20261126T020000Z.dump.zst.enc`), for a file without a manifest.
    init(fileName: String) {
        var name = Substring(fileName)
        encrypted = name.hasSuffix(".enc")
        if encrypted { name = name.dropLast(4) }
        zstd = name.hasSuffix(".zst")
        if zstd { name = name.dropLast(4) }
        format = name.hasSuffix(".sql") ? "plain" : name.hasSuffix(".tar") ? "directory" : "custom"
    }

    /// `pg_restore` reads it; a plain SQL script goes to `psql`.
    var isArchive: Bool { format != "plain" }
}
