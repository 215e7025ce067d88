import Foundation

/// A ``BackupWorker`` that posts each backup's outcome to a ``Notifier`` after the wrapped worker
/// returns, so scheduled and manual backups (``ManualBackup``) alert the same way. Posting never waits
/// for a delivery and cannot change the outcome.
///
/// ```swift
/// let worker = NotifyingBackupWorker(BackupPipeline(store: store, s3: s3, logger: logger), notifier: notifier)
/// ```
public struct NotifyingBackupWorker: BackupWorker {
    let worker: any BackupWorker
    let notifier: Notifier

    /// Wraps `worker`.
    public init(_ worker: any BackupWorker, notifier: Notifier) {
        self.worker = worker
        self.notifier = notifier
    }

    public func runBackup(_ job: BackupJob) async -> BackupOutcome {
        let outcome = await worker.runBackup(job)
        notifier.post(.backupFinished(job, outcome, at: Date()))
        return outcome
    }
}
