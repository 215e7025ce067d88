public import BackupCore
public import Foundation

extension BackupRunResponse {
    /// The response for a use case's run entry (with `files` listed when the entry is detailed).
    public init(_ entry: BackupRunEntry, now: Date = Date()) {
        self.init(
            entry.run, database: entry.database, files: entry.files, detailed: entry.detailed?.map(BackupFileResponse.init),
            now: now)
    }
}

extension BackupFileResponse {
    /// The response for a use case's file entry.
    public init(_ entry: BackupFileEntry) {
        self.init(entry.file, slug: entry.slug, backupDirectory: entry.backupDirectory, onDisk: entry.onDisk)
    }
}
