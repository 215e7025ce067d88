public import BackupRepository
public import Foundation

/// One backup the scheduler hands to a ``BackupWorker``: the queued run record and why it runs.
public struct BackupJob: Sendable, Equatable, Hashable {
    /// The `BackupRun` record, `running` when the worker gets it.
    public let runId: Int64
    public let databaseId: Int64
    /// The schedule that triggered it; `nil` for a manual run.
    public let scheduleId: Int64?
    public let trigger: BackupRun.Trigger
    /// The cron slot a scheduled run stands for.
    public let dueAt: Date?

    /// Creates a job description.
    public init(runId: Int64, databaseId: Int64, scheduleId: Int64?, trigger: BackupRun.Trigger, dueAt: Date?) {
        self.runId = runId
        self.databaseId = databaseId
        self.scheduleId = scheduleId
        self.trigger = trigger
        self.dueAt = dueAt
    }
}

/// How a backup ended, as the worker reports it; the scheduler writes it to the run record.
public struct BackupOutcome: Sendable, Equatable {
    /// `succeeded`, `failed` or `cancelled`.
    public var state: BackupRun.State
    /// Why it failed; never contains a secret.
    public var error: String?
    public var sizeBytes: Int64?
    /// SHA-256 of the stored file, lowercase hex.
    public var checksum: String?

    /// A success.
    public static func succeeded(sizeBytes: Int64? = nil, checksum: String? = nil) -> BackupOutcome {
        BackupOutcome(state: .succeeded, error: nil, sizeBytes: sizeBytes, checksum: checksum)
    }

    /// A failure with its reason.
    public static func failed(_ reason: String) -> BackupOutcome {
        BackupOutcome(state: .failed, error: reason)
    }

    /// The run was cancelled.
    public static let cancelled = BackupOutcome(state: .cancelled, error: "cancelled")
}

/// Runs one backup to its end. The backup pipeline conforms; the scheduler owns the run's state
/// transitions (queued → running → outcome), the per-database lease and the concurrency limit.
public protocol BackupWorker: Sendable {
    /// Performs the backup of `job`; returns `.cancelled` soon after the task is cancelled.
    func runBackup(_ job: BackupJob) async -> BackupOutcome
}
