public import BackupCore
public import BackupRepository
public import Foundation

/// A schedule with its database and next run (computed from its cron expression and zone), as the API
/// and `pgbm-cli schedule --json` show it.
///
/// ```swift
/// let response = ScheduleResponse(schedule, database: try await store.database(id: schedule.databaseId), now: Date())
/// ```
public struct ScheduleResponse: Encodable, Sendable {
    public let id: Int64
    public let databaseId: Int64
    public let databaseName: String?
    public let cron: String
    public let timezone: String
    public let enabled: Bool
    /// The cron expression in words (`at 02:00 every day`).
    public let description: String?
    /// The next slot while enabled.
    public let nextRunAt: Date?
    public let lastRunAt: Date?
    public let createdAt: Date
    /// Why the stored expression cannot be used, when it no longer parses.
    public let error: String?

    /// The response of `schedule`.
    ///
    /// - Parameters:
    ///   - schedule: the stored record.
    ///   - database: its database (removed ones included), when known.
    ///   - now: the next run is the first slot after it.
    /// The response for a use case's schedule.
    public init(_ info: ScheduleInfo, now: Date = Date()) {
        self.init(info.schedule, database: info.database, now: now)
    }

    public init(_ schedule: Schedule, database: ConfiguredDatabase?, now: Date) {
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
            description = times.humanDescription
            nextRunAt = schedule.enabled ? times.next(after: now) : nil
            error = nil
        } catch {
            description = nil
            nextRunAt = nil
            self.error = error.description
        }
    }
}
