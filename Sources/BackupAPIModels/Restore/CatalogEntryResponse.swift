public import BackupCore
public import Foundation

/// One backup a restore can choose (`GET /api/restore/s3-backups`, `/local-backups`, `pgbm-cli restore
/// backups --json`), with the facts of the manifest beside it when it has one.
///
/// ```swift
/// let response = CatalogEntryResponse(entry, file: nil, installationId: general.installationId)
/// ```
public struct CatalogEntryResponse: Encodable, Sendable {
    /// The full S3 key (pass as `key` to `from-s3`); absent for a local file.
    public let key: String?
    /// The file below the backup folder, `<slug>/<file>` (pass as `file` to `from-local`); absent for S3.
    public let file: String?
    public let fileName: String
    public let size: Int64
    public let modifiedAt: Date
    public let databaseName: String?
    public let databaseSlug: String?
    public let finishedAt: Date?
    public let format: String?
    public let compression: String?
    public let encrypted: Bool?
    public let passphraseId: String?
    public let pgDumpVersion: String?
    public let serverVersion: String?
    public let sha256: String?
    /// The installation that wrote it, from the manifest.
    public let installationId: String?
    /// Whether this installation wrote it (another installation's backups need their passphrase).
    public let ownInstallation: Bool?

    /// The response of `entry`.
    ///
    /// - Parameters:
    ///   - entry: the object or file with its manifest.
    ///   - file: its path below the backup folder for a local file, `nil` for an S3 object.
    ///   - installationId: this installation's id (for `own_installation`).
    public init(_ entry: BackupCatalog.Entry, file: String?, installationId: String) {
        key = file == nil ? entry.key : nil
        self.file = file
        fileName = String(entry.key.split(separator: "/").last ?? Substring(entry.key))
        size = entry.size
        modifiedAt = entry.modified
        let manifest = entry.manifest
        databaseName = manifest?.databaseName
        databaseSlug = manifest?.databaseSlug ?? Self.folder(of: entry.key)
        finishedAt = manifest?.finishedAt
        format = manifest?.format
        compression = manifest?.compression
        encrypted = manifest?.encrypted
        passphraseId = manifest?.passphraseId
        pgDumpVersion = manifest?.pgDumpVersion
        serverVersion = manifest?.serverVersion
        sha256 = manifest?.sha256
        self.installationId = manifest?.installationId
        ownInstallation = manifest.map { $0.installationId == installationId }
    }

    /// The folder the file is in (the database slug by the storage layout).
    private static func folder(of key: String) -> String? {
        let parts = key.split(separator: "/")
        return parts.count >= 2 ? String(parts[parts.count - 2]) : nil
    }

    /// Whether the entry belongs to `database` (its slug or name); every entry when `database` is empty.
    public func matches(database: String?) -> Bool {
        guard let database, !database.isEmpty else { return true }
        return databaseSlug == database || databaseName == database
    }
}
