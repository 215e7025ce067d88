public import BackupRepository
public import Foundation

/// A backup file record: where its copies are (local path below the backup folder, S3 key), its size,
/// SHA-256 and verification.
///
/// ```swift
/// let response = BackupFileResponse(file, slug: database.slug, backupDirectory: "/var/backups/pgbm", onDisk: true)
/// ```
public struct BackupFileResponse: Encodable, Sendable {
    public let id: Int64
    public let name: String
    public let runId: Int64
    public let databaseId: Int64
    public let databaseSlug: String?
    /// `<slug>/<file>` below the backup folder while the local copy exists.
    public let localPath: String?
    /// Whether the local copy is on disk right now (checked when the response is made).
    public let onDisk: Bool
    public let s3Key: String?
    public let inS3: Bool
    public let format: String
    public let compression: String
    public let encrypted: Bool
    public let passphraseId: String?
    public let serverVersion: String
    public let pgDumpVersion: String
    public let sizeBytes: Int64
    public let sha256: String
    public let createdAt: Date
    public let verification: VerificationResponse?
    /// `GET` it to download the local copy.
    public let downloadUrl: String?

    /// The response of `file`.
    ///
    /// - Parameters:
    ///   - file: the stored record.
    ///   - slug: its database's slug, when the database is known.
    ///   - backupDirectory: the installation's backup folder (`local_path` is relative to it).
    ///   - onDisk: whether the local copy exists now.
    public init(_ file: BackupFile, slug: String?, backupDirectory: String, onDisk: Bool) {
        id = file.id ?? 0
        name = file.fileName
        runId = file.runId
        databaseId = file.databaseId
        databaseSlug = slug
        localPath = file.localPath.map { path in
            path.hasPrefix(backupDirectory + "/")
                ? String(path.dropFirst(backupDirectory.count + 1)) : (path as NSString).lastPathComponent
        }
        self.onDisk = onDisk
        s3Key = file.s3Key
        inS3 = file.s3Key != nil
        format = file.format
        compression = file.compression
        encrypted = file.encrypted
        passphraseId = file.passphraseId
        serverVersion = file.serverVersion
        pgDumpVersion = file.pgDumpVersion
        sizeBytes = file.sizeBytes
        sha256 = file.sha256
        createdAt = file.createdAt
        verification = VerificationResponse(file)
        downloadUrl = file.localPath == nil ? nil : "/api/backups/files/\(file.fileName)/download"
    }
}
