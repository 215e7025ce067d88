public import BackupRepository
import BackupStorage
public import Foundation
public import Logging

/// Start-up cleanup after a crash: runs left queued or running by a dead process become `failed`
/// ("interrupted"), and `.partial` files in the backup folder are removed. Call it before the
/// scheduler starts, in a process that is the only one making backups.
public enum BackupRecovery {
    /// What the cleanup did.
    public struct Report: Sendable, Equatable {
        public let interruptedRuns: Int
        public let interruptedRestores: Int
        public let partialFilesRemoved: Int
    }

    /// Marks interrupted work failed and removes partial files.
    public static func recover(
        store: some BackupRunRepository & RestoreJobRepository, backupDirectory: String, now: Date = Date(), logger: Logger
    ) throws -> Report {
        let runs = try store.failInterruptedRuns(at: now)
        let restores = try store.failInterruptedRestoreJobs(at: now)
        let removed = (try? LocalDirectoryStore(root: backupDirectory).removePartialFiles()) ?? 0
        if runs + restores + removed > 0 {
            logger.warning(
                "recovered from an interrupted run",
                metadata: ["failed_runs": "\(runs)", "failed_restores": "\(restores)", "partial_files_removed": "\(removed)"])
        }
        return Report(interruptedRuns: runs, interruptedRestores: restores, partialFilesRemoved: removed)
    }
}
