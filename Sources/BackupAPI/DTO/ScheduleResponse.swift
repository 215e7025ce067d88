import BackupCore
import BackupCron
import BackupRepository
import Foundation
import Hummingbird

/// A schedule with its database and next run (computed now from its cron expression and zone).
struct ScheduleResponse: ResponseEncodable, Sendable {
    let id: Int64
    let databaseId: Int64
    let databaseName: String?
    let cron: String
    let timezone: String
    let enabled: Bool
    /// The cron expression in words (`at 02:00 every day`).
    let description: String?
    /// The next slot while enabled.
    let nextRunAt: Date?
    let lastRunAt: Date?
    let createdAt: Date
    /// Why the stored expression cannot be used, when it no longer parses.
    let error: String?

    init(_ schedule: Schedule, database: ConfiguredDatabase?, now: Date) {
        id = schedule.id ?? 0
        databaseId = schedule.databaseId
        databaseName = database?.name
        cron = schedule.cron
        timezone = schedule.timeZone
        enabled = schedule.enabled
        createdAt = schedule.createdAt
        lastRunAt = schedule.lastRunAt
        do {
            let times = try ScheduleTimes(schedule)
            description = times.expression.humanDescription
            nextRunAt = schedule.enabled ? times.next(after: now) : nil
            error = nil
        } catch {
            description = nil
            nextRunAt = nil
            self.error = error.description
        }
    }
}
