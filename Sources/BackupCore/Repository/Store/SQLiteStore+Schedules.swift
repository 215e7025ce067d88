public import Foundation
import GRDB

extension SQLiteStore: ScheduleRepository {
    public func createSchedule(_ schedule: Schedule) async throws -> Schedule {
        var schedule = schedule
        schedule.id = nil
        try Self.validate(schedule)
        return try await write { [schedule] db in
            var schedule = schedule
            guard try ConfiguredDatabase.fetchOne(db, key: schedule.databaseId)?.deletedAt == nil,
                  try ConfiguredDatabase.exists(db, key: schedule.databaseId) else {
                throw StoreError(.invalid, "database_id: database \(schedule.databaseId) does not exist", field: "database_id")
            }
            try schedule.insert(db)
            return schedule
        }
    }

    public func updateSchedule(_ schedule: Schedule) async throws -> Schedule {
        try Self.validate(schedule)
        return try await write { db in
            guard let id = schedule.id, try Schedule.exists(db, key: id) else {
                throw StoreError(.notFound, "schedule \(schedule.id ?? 0) does not exist")
            }
            try schedule.update(db)
            return schedule
        }
    }

    public func schedule(id: Int64) async throws -> Schedule? {
        try await read { db in try Schedule.fetchOne(db, key: id) }
    }

    public func schedules(databaseId: Int64?) async throws -> [Schedule] {
        try await read { db in
            var request = Schedule.order(Column("id"))
            if let databaseId { request = request.filter(Column("database_id") == databaseId) }
            return try request.fetchAll(db)
        }
    }

    public func deleteSchedule(id: Int64) async throws {
        _ = try await write { db in try Schedule.deleteOne(db, key: id) }
    }

    public func recordRun(scheduleId: Int64, lastRunAt: Date?, nextRunAt: Date?) async throws {
        try await write { db in
            try db.execute(
                sql: "UPDATE schedule SET last_run_at = COALESCE(?, last_run_at), next_run_at = ? WHERE id = ?",
                arguments: [lastRunAt, nextRunAt, scheduleId])
        }
    }

    static func validate(_ schedule: Schedule) throws {
        try schedule.validate()
    }
}
