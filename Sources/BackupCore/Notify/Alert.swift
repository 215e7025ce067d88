public import BackupRepository
public import Foundation

/// One message the notifier sends: what happened, to which database or restore, when, and a link.
/// Every text in it has had the stored secrets removed, so a transport may send and log all of it.
///
/// An ``AlertTransport`` gets one alert per delivery. ``title``, ``summary`` and ``body`` are the texts
/// pgbm's own channels send (subject line, chat line, email body); the fields are there for a transport
/// that formats its own message.
public struct Alert: Sendable, Equatable {
    /// What the message says; the raw value is the webhook's `event`.
    public enum Kind: String, Sendable, Codable {
        /// A backup failed (the first failure of a streak).
        case backupFailed = "backup_failed"
        /// A failure inside a failure streak, sent as a reminder once the throttle interval has passed.
        case backupStillFailing = "backup_still_failing"
        /// The first success after a failure streak.
        case backupRecovered = "backup_recovered"
        /// A scheduled backup did not succeed in time (the scheduler's overdue check).
        case backupMissed = "backup_missed"
        /// A backup succeeded (sent when a channel subscribes to `backup_succeeded`, and to the heartbeat).
        case backupSucceeded = "backup_succeeded"
        /// A restore job failed.
        case restoreFailed = "restore_failed"
        /// A restore job succeeded.
        case restoreSucceeded = "restore_succeeded"
        /// A test send (`pgbm-cli alerts test`); every channel gets it.
        case test
    }

    /// What happened.
    public internal(set) var kind: Kind
    /// When it happened.
    public internal(set) var at: Date
    /// The database backed up, for backup alerts.
    public internal(set) var databaseId: Int64?
    /// The database's name, or the restore's target.
    public internal(set) var subject: String?
    /// The backup run, for backup alerts.
    public internal(set) var runId: Int64?
    /// The restore job, for restore alerts.
    public internal(set) var restoreJobId: Int64?
    /// Why the backup or restore failed, for failures.
    public internal(set) var error: String?
    /// A link to the run, database or restore in pgbm's UI, when `general.public_base_url` is set.
    public internal(set) var link: String?
    /// Failures in the current streak, this one included (failures, reminders and "recovered").
    public internal(set) var failureCount: Int?
    /// When a missed backup was due.
    public internal(set) var expectedBy: Date?
    /// The database's last successful backup, for a missed backup (`nil`: never).
    public internal(set) var lastSuccessAt: Date?

    /// The settings event a channel must subscribe to for this alert; `nil` for a test (always sent).
    public var event: NotificationSettings.Event? {
        switch kind {
        case .backupFailed, .backupStillFailing, .backupRecovered: .backupFailed
        case .backupMissed: .backupMissed
        case .backupSucceeded: .backupSucceeded
        case .restoreFailed: .restoreFailed
        case .restoreSucceeded: .restoreSucceeded
        case .test: nil
        }
    }

    /// Whether a backup or restore failed (the heartbeat pings `/fail`).
    public var isFailure: Bool { [.backupFailed, .backupStillFailing, .restoreFailed].contains(kind) }

    /// `error`, `warning` or `info`.
    public var severity: String {
        switch kind {
        case .backupFailed, .backupStillFailing, .restoreFailed: "error"
        case .backupMissed: "warning"
        case .backupRecovered, .backupSucceeded, .restoreSucceeded, .test: "info"
        }
    }
}
