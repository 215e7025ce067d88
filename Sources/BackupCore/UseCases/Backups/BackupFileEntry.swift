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

    /// An entry that checks the disk for the local copy (a copy leading out of the backup folder is not
    /// on disk, as far as pgbm is concerned).
    init(checking file: BackupFile, slug: String?, backupDirectory: String) {
        let folder = BackupFolder(backupDirectory)
        let onDisk = file.localPath.map { if case .file = folder.resolve(path: $0) { true } else { false } } ?? false
        self.init(file, slug: slug, backupDirectory: backupDirectory, onDisk: onDisk)
    }

    /// The local copy, or with `manifest` the manifest beside it, resolved in the backup folder by its
    /// real path (``BackupFolder``); ``BackupFolder/Resolution/missing`` when the file has no local copy.
    public func resolveLocal(manifest: Bool = false) -> BackupFolder.Resolution {
        guard let path = file.localPath else { return .missing }
        return BackupFolder(backupDirectory).resolve(path: manifest ? BackupManifest.name(forFile: path) : path)
    }
}
