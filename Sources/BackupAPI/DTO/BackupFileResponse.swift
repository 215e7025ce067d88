import BackupRepository
import Foundation
import Hummingbird

/// A backup file record: where its copies are (local path below the backup folder, S3 key), its size,
/// SHA-256 and verification.
struct BackupFileResponse: ResponseEncodable, Sendable {
    let id: Int64
    let name: String
    let runId: Int64
    let databaseId: Int64
    let databaseSlug: String?
    /// `<slug>/<file>` below the backup folder while the local copy exists.
    let localPath: String?
    /// Whether the local copy is on disk right now (checked when the response is made).
    let onDisk: Bool
    let s3Key: String?
    let inS3: Bool
    let format: String
    let compression: String
    let encrypted: Bool
    let passphraseId: String?
    let serverVersion: String
    let pgDumpVersion: String
    let sizeBytes: Int64
    let sha256: String
    let createdAt: Date
    let verification: VerificationResponse?
    /// `GET` it to download the local copy.
    let downloadUrl: String?

    init(_ file: BackupFile, slug: String?, backupDirectory: String, onDisk: Bool) {
        id = file.id ?? 0
        name = file.fileName
        runId = file.runId
        databaseId = file.databaseId
        databaseSlug = slug
        localPath = file.localPath.map { path in
            path.hasPrefix(backupDirectory + "/") ? String(path.dropFirst(backupDirectory.count + 1)) : (path as NSString).lastPathComponent
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
