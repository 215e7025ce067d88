import BackupRepository
import Foundation

/// One message the notifier sends: what happened, to which database or restore, when, and a link.
/// Every text in it has passed through ``SecretRedactor``.
struct Alert: Sendable, Equatable {
    /// What the message says; the raw value is the webhook's `event`.
    enum Kind: String, Sendable, Codable {
        case backupFailed = "backup_failed"
        /// A failure inside a failure streak, sent as a reminder once the throttle interval has passed.
        case backupStillFailing = "backup_still_failing"
        /// The first success after a failure streak.
        case backupRecovered = "backup_recovered"
        case backupMissed = "backup_missed"
        case backupSucceeded = "backup_succeeded"
        case restoreFailed = "restore_failed"
        case restoreSucceeded = "restore_succeeded"
        /// A test send (`pgbm-cli alerts test`); every channel gets it.
        case test
    }

    var kind: Kind
    var at: Date
    var databaseId: Int64?
    /// The database's name, or the restore's target.
    var subject: String?
    var runId: Int64?
    var restoreJobId: Int64?
    var error: String?
    /// A link to the run, database or restore in pgbm's UI, when `general.public_base_url` is set.
    var link: String?
    /// Failures in the current streak, this one included (failures, reminders and "recovered").
    var failureCount: Int?
    var expectedBy: Date?
    var lastSuccessAt: Date?

    /// The settings event a channel must subscribe to for this alert; `nil` for a test (always sent).
    var event: NotificationSettings.Event? {
        switch kind {
        case .backupFailed, .backupStillFailing, .backupRecovered: .backupFailed
        case .backupMissed: .backupMissed
        case .backupSucceeded: .backupSucceeded
        case .restoreFailed: .restoreFailed
        case .restoreSucceeded: .restoreSucceeded
        case .test: nil
        }
    }

    /// Whether a backup failed (the heartbeat pings `/fail`).
    var isFailure: Bool { [.backupFailed, .backupStillFailing, .restoreFailed].contains(kind) }

    /// `error`, `warning` or `info`.
    var severity: String {
        switch kind {
        case .backupFailed, .backupStillFailing, .restoreFailed: "error"
        case .backupMissed: "warning"
        case .backupRecovered, .backupSucceeded, .restoreSucceeded, .test: "info"
        }
    }
}
