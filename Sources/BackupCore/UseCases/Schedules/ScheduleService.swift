import BackupCron
public import BackupRepository
public import Foundation
import Logging

/// Cron schedules: list, show, create, update, delete, pause, resume and preview. The API's
/// `/api/schedules` and `pgbm-cli schedule` both call it, so validation, the store calls, the scheduler's
/// wake-up and the audit event are the same from either.
///
/// ```swift
/// let entry = try await manager.schedules.create(
///     Schedule(databaseId: 1, cron: "30 2 * * *", timeZone: "Europe/Berlin"), by: .commandLine())
/// ```
public struct ScheduleService: UseCase {
    let store: any ConfigurationStore
    let scheduler: Scheduler
    let logger: Logger
    let now: @Sendable () -> Date

    /// The schedules by id, of one database or of all.
    public func list(databaseId: Int64? = nil) async throws -> [ScheduleInfo] {
        let schedules = try await store.schedules(databaseId: databaseId)
        let databases = try await store.databasesById()
        return schedules.map { ScheduleInfo($0, database: databases[$0.databaseId]) }
    }

    /// One schedule.
    /// - Throws: `StoreError` `notFound`.
    public func get(_ id: Int64) async throws -> ScheduleInfo {
        try await entry(try await existing(id))
    }

    /// Validates and stores a schedule of a live database, with its next run; audited as `schedule.create`.
    /// - Throws: `StoreError` `invalid` (`database_id`, `timezone`).
    public func create(_ schedule: Schedule, by caller: Caller) async throws -> ScheduleInfo {
        try schedule.validate()
        let times = try ScheduleTimes(schedule)
        let database = try await liveDatabase(schedule.databaseId)
        var schedule = schedule
        schedule.nextRunAt = schedule.enabled ? times.next(after: schedule.createdAt) : nil
        let created = try await store.createSchedule(schedule)
        await scheduler.schedulesDidChange()
        logger.info("schedule created", metadata: ["pgbm.schedule.id": "\(created.id ?? 0)"])
        try await audit.record("schedule.create", by: caller, target: "schedule", id: "\(created.id ?? 0)", details: Self.details(created))
        return ScheduleInfo(created, database: database)
    }

    /// Replaces a schedule's database, expression, zone and state; its creation and last run stay, its
    /// next run is computed again. Audited as `schedule.update` with the changed fields.
    /// - Throws: `StoreError` `notFound`; `StoreError` `invalid`.
    public func update(_ id: Int64, to changes: Schedule, by caller: Caller) async throws -> ScheduleInfo {
        try changes.validate()
        let times = try ScheduleTimes(changes)
        let stored = try await existing(id)
        _ = try await liveDatabase(changes.databaseId)
        var schedule = changes
        schedule.id = id
        schedule.createdAt = stored.createdAt
        schedule.lastRunAt = stored.lastRunAt
        schedule.nextRunAt = schedule.enabled ? times.next(after: now()) : nil
        let updated = try await store.updateSchedule(schedule)
        await scheduler.schedulesDidChange()
        var details = Self.details(updated)
        details["changed"] = .object(AuditTrail.changes(from: stored.withoutRunTimes, to: updated.withoutRunTimes))
        try await audit.record("schedule.update", by: caller, target: "schedule", id: "\(id)", details: details)
        return try await entry(updated)
    }

    /// Deletes a schedule (the database and its backups stay); audited as `schedule.delete`.
    /// - Returns: the schedule as it was.
    /// - Throws: `StoreError` `notFound`.
    @discardableResult
    public func delete(_ id: Int64, by caller: Caller) async throws -> ScheduleInfo {
        let removed = try await entry(try await existing(id))
        try await store.deleteSchedule(id: id)
        await scheduler.schedulesDidChange()
        try await audit.record("schedule.delete", by: caller, target: "schedule", id: "\(id)", details: Self.details(removed.schedule))
        return removed
    }

    /// Pauses a schedule: its next run is cleared and a queued run of it is dropped; audited as
    /// `schedule.pause`.
    /// - Throws: `StoreError` `notFound`.
    public func pause(_ id: Int64, by caller: Caller) async throws -> ScheduleInfo {
        try await scheduler.pause(scheduleId: id)
        let paused = try await get(id)
        try await audit.record("schedule.pause", by: caller, target: "schedule", id: "\(id)", details: Self.details(paused.schedule))
        return paused
    }

    /// Resumes a paused schedule from its next slot after now (paused slots are not made up); audited as
    /// `schedule.resume`.
    /// - Throws: `StoreError` `notFound`; `StoreError` `invalid` (`id`) when its database was removed.
    public func resume(_ id: Int64, by caller: Caller) async throws -> ScheduleInfo {
        let schedule = try await existing(id)
        guard try await store.database(id: schedule.databaseId)?.deletedAt == nil else {
            throw StoreError.invalid(field: "id", "schedule \(id) belongs to a removed database and cannot be resumed")
        }
        try await scheduler.resume(scheduleId: id)
        let resumed = try await get(id)
        try await audit.record("schedule.resume", by: caller, target: "schedule", id: "\(id)", details: Self.details(resumed.schedule))
        return resumed
    }

    /// The next `count` runs of an expression read in `timeZone`, after now.
    /// - Throws: `StoreError` `invalid` (`cron`, `timezone`, `count`).
    public func preview(cron: String, timeZone: String = "UTC", count: Int = 5) throws -> SchedulePreview {
        try Self.preview(cron: cron, timeZone: timeZone, count: count, after: now())
    }

    /// The next `count` runs of an expression read in `timeZone`, after `start`; needs no store.
    /// - Throws: `StoreError` `invalid` (`cron`, `timezone`, `count`).
    public static func preview(cron: String, timeZone: String = "UTC", count: Int = 5, after start: Date) throws -> SchedulePreview {
        try Schedule(databaseId: 0, cron: cron, timeZone: timeZone).validate()
        return try preview(try ScheduleTimes(cron: cron, timeZone: timeZone), cron: cron, timeZone: timeZone, count: count, after: start)
    }

    /// The next `count` runs of a stored schedule after now.
    /// - Throws: `StoreError` `notFound`; `StoreError` `invalid` (`count`).
    public func preview(_ id: Int64, count: Int = 5) async throws -> SchedulePreview {
        let schedule = try await existing(id)
        return try Self.preview(
            try ScheduleTimes(schedule), cron: schedule.cron, timeZone: schedule.timeZone, count: count, after: now(), scheduleId: id)
    }

    static func preview(
        _ times: ScheduleTimes, cron: String, timeZone: String, count: Int, after start: Date, scheduleId: Int64? = nil
    ) throws -> SchedulePreview {
        guard SchedulePreview.counts.contains(count) else {
            throw StoreError.invalid(field: "count", "must be a whole number from 1 to 100, got \(count)")
        }
        return SchedulePreview(
            cron: cron, timeZone: timeZone, description: times.expression.humanDescription,
            nextRuns: times.next(count: count, after: start), scheduleId: scheduleId)
    }

    func existing(_ id: Int64) async throws -> Schedule {
        guard let schedule = try await store.schedule(id: id) else { throw StoreError(.notFound, "schedule \(id) does not exist") }
        return schedule
    }

    func liveDatabase(_ id: Int64) async throws -> ConfiguredDatabase {
        guard let database = try await store.database(id: id), database.deletedAt == nil else {
            throw StoreError.invalid(field: "database_id", "database \(id) does not exist")
        }
        return database
    }

    func entry(_ schedule: Schedule) async throws -> ScheduleInfo {
        ScheduleInfo(schedule, database: try await store.database(id: schedule.databaseId))
    }

    /// The audit details every schedule event carries.
    static func details(_ schedule: Schedule) -> [String: JSONValue] {
        [
            "database_id": .integer(Int(schedule.databaseId)), "cron": .string(schedule.cron),
            "timezone": .string(schedule.timeZone), "enabled": .bool(schedule.enabled),
            "next_run_at": schedule.nextRunAt.map { .string($0.formatted(.iso8601)) } ?? .null,
        ]
    }
}

extension Schedule {
    /// The schedule without its run times, to list what a change changed.
    fileprivate var withoutRunTimes: Schedule {
        var copy = self
        copy.nextRunAt = nil
        copy.lastRunAt = nil
        return copy
    }
}
