public import BackupRepository
import Foundation

/// A backup file as the use cases hand it out: its record, its database's slug, the backup folder and
/// whether its local copy is on disk now.
public struct BackupFileEntry: Sendable, Equatable {
    /// The stored record.
    public let file: BackupFile
    /// The slug of its database (`nil` when the database record is gone).
    public let slug: String?
    /// The backup folder the local path lies in.
    public let backupDirectory: String
    /// Whether the local copy exists on disk.
    public let onDisk: Bool

    /// Creates an entry.
    public init(_ file: BackupFile, slug: String?, backupDirectory: String, onDisk: Bool) {
        self.file = file
        self.slug = slug
        self.backupDirectory = backupDirectory
        self.onDisk = onDisk
    }

    /// An entry that checks the disk for the local copy.
    init(checking file: BackupFile, slug: String?, backupDirectory: String) {
        self.init(
            file, slug: slug, backupDirectory: backupDirectory,
            onDisk: file.localPath.map { FileManager.default.fileExists(atPath: $0) } ?? false)
    }
}
