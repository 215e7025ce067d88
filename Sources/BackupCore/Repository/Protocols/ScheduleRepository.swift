public import Foundation

/// When databases are backed up.
public protocol ScheduleRepository: Sendable {
    func createSchedule(_ schedule: Schedule) async throws -> Schedule
    func updateSchedule(_ schedule: Schedule) async throws -> Schedule
    func schedule(id: Int64) async throws -> Schedule?
    /// Schedules of one database, or all.
    func schedules(databaseId: Int64?) async throws -> [Schedule]
    func deleteSchedule(id: Int64) async throws
    /// Records when a schedule ran and when it runs next.
    func recordRun(scheduleId: Int64, lastRunAt: Date?, nextRunAt: Date?) async throws
}
