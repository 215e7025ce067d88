public import Foundation

/// What the scheduler did, for notifications, metrics and tests.
public enum SchedulerEvent: Sendable, Equatable {
    /// A run was queued.
    case queued(BackupJob)
    /// A queued run waits because another process holds the database's lease.
    case waitingForLease(BackupJob)
    /// A run was handed to the worker.
    case started(BackupJob)
    /// A run ended.
    case finished(BackupJob, BackupOutcome, duration: TimeInterval)
    /// A trigger found a run of the same database queued or running, and joined it.
    case coalesced(databaseId: Int64, scheduleId: Int64?, into: BackupJob)
    /// Slots passed while pgbm was down; the newest was within the grace period and runs now.
    case madeUp(scheduleId: Int64, databaseId: Int64, slot: Date, missedSlots: Int)
    /// Slots passed while pgbm was down, the newest beyond the grace period: nothing runs.
    case missed(scheduleId: Int64, databaseId: Int64, slot: Date, missedSlots: Int)
    /// No successful backup of the database by the time one was expected.
    case overdue(databaseId: Int64, expectedBy: Date, lastSuccessAt: Date?)
    /// A stored schedule cannot be used (its cron expression no longer parses).
    case invalidSchedule(scheduleId: Int64, reason: String)
}
