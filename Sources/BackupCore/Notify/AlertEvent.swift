public import Foundation

/// Something that may need an alert, as the backup, scheduler and restore code report it to
/// ``Notifier/post(_:)``. The notifier decides what is sent (throttling, each channel's events).
///
/// ```swift
/// notifier.post(.restoreFinished(jobId: 7, target: "app on db2", succeeded: false, error: "…", at: Date()))
/// ```
public enum AlertEvent: Sendable, Equatable {
    /// A backup ended; ``NotifyingBackupWorker`` posts this. A cancelled backup alerts nobody.
    case backupFinished(BackupJob, BackupOutcome, at: Date)
    /// No successful backup of the database by `expectedBy` (``SchedulerEvent/overdue(databaseId:expectedBy:lastSuccessAt:)``).
    case backupOverdue(databaseId: Int64, expectedBy: Date, lastSuccessAt: Date?)
    /// A restore job ended.
    /// - Parameters:
    ///   - target: where it restored to, as people read it (`app on db2.example.com:5432`); never a password.
    ///   - error: why it failed; must not contain a secret (the notifier still redacts stored secrets).
    case restoreFinished(jobId: Int64, target: String, succeeded: Bool, error: String?, at: Date)
}
