import BackupCron
import BackupRepository
import Foundation

/// The scheduler's view of one enabled schedule: its times and the next slot it waits for.
struct ScheduleEntry: Sendable {
    /// What to do about a slot that has come.
    enum Decision: Equatable {
        /// Run once for `slot`; `missedSlots` > 1 when several passed (only one run is made).
        case run(slot: Date, missedSlots: Int, madeUp: Bool)
        /// The newest slot passed while pgbm was down, beyond the grace period: record it, run nothing.
        case missed(slot: Date, missedSlots: Int)
    }

    var schedule: Schedule
    let times: ScheduleTimes
    var nextDue: Date

    var id: Int64 { schedule.id ?? 0 }
    var databaseId: Int64 { schedule.databaseId }

    /// An entry for a schedule seen for the first time.
    ///
    /// - Parameter since: `nil` on the scheduler's first load: the next slot is the stored one, else the
    ///   first after the last run or the creation, so a slot that passed while pgbm was down is seen. Later
    ///   the time from which slots count: the previous reload for a schedule created or re-enabled
    ///   while the scheduler runs, now for an edited one. Slots before it are not made up.
    init(_ schedule: Schedule, since: Date?) throws(StoreError) {
        self.schedule = schedule
        times = try ScheduleTimes(schedule)
        if let since {
            let stored = schedule.nextRunAt.flatMap { $0 >= since ? $0 : nil }
            let base = max(since, schedule.createdAt, schedule.lastRunAt ?? .distantPast)
            nextDue = stored ?? times.next(after: base) ?? .distantFuture
        } else {
            let base = schedule.lastRunAt ?? schedule.createdAt
            nextDue = schedule.nextRunAt ?? times.next(after: base) ?? .distantFuture
        }
    }

    /// Whether the stored schedule changed what this entry computes (its slots are the scheduler's own).
    func isOutdated(by stored: Schedule) -> Bool {
        stored.cron != schedule.cron || stored.timeZone != schedule.timeZone
    }

    /// The decision for a due entry (`nextDue <= now`). Slots since `startedAt` were seen by a running
    /// scheduler and run even if late; older ones passed while pgbm was down and obey the grace period.
    func decide(now: Date, startedAt: Date, grace: TimeInterval) -> Decision {
        let slot = times.latest(notAfter: now) ?? nextDue
        let count = max(1, times.slots(from: nextDue, through: slot))
        if slot >= startedAt { return .run(slot: slot, missedSlots: count, madeUp: false) }
        if now.timeIntervalSince(slot) <= grace { return .run(slot: slot, missedSlots: count, madeUp: true) }
        return .missed(slot: slot, missedSlots: count)
    }
}
