import BackupAPIModels
import BackupCore
import BackupCron
import BackupRepository
import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// `/api/schedules`: when databases are backed up (CRUD, preview, run now, pause, resume). Every change
/// wakes the scheduler (`schedulesDidChange`), so it applies at once.
struct ScheduleController: Sendable {
    let store: StoreAccess
    let scheduler: Scheduler
    /// Runs the schedule's backup now (``BackupService``).
    let backups: BackupService

    /// The routes, to mount at `/api/schedules`.
    var routes: RouteCollection<APIRequestContext> {
        let routes = RouteCollection(context: APIRequestContext.self)
        routes.get(use: list)
        routes.post(use: create)
        routes.get("preview", use: preview)
        routes.get(":id", use: show)
        routes.put(":id", use: update)
        routes.delete(":id", use: delete)
        routes.post(":id/run", use: run)
        routes.post(":id/pause", use: pause)
        routes.post(":id/resume", use: resume)
        return routes
    }

    /// `GET`: schedules by id (keyset cursor over the id), optionally of `database_id`.
    @Sendable func list(_ request: Request, context: APIRequestContext) async throws -> PageResponse<ScheduleResponse> {
        let page = try PageQuery(request)
        let databaseId = try QueryReader(request).id("database_id")
        let after = try Self.cursor(page.cursor)
        return try await store { store in
            let schedules = try await store.schedules(databaseId: databaseId).filter { ($0.id ?? 0) > after }
            let databases = try await BackupController.databases(store)
            let items = schedules.prefix(page.limit).map { ScheduleResponse($0, database: databases[$0.databaseId], now: Date()) }
            let next = schedules.count > page.limit ? items.last.map { String($0.id, radix: 36) } : nil
            return PageResponse(items: Array(items), nextCursor: next)
        }
    }

    /// `POST`: creates a schedule; `201` with it and its `Location`.
    @Sendable func create(_ request: Request, context: APIRequestContext) async throws -> EditedResponse<ScheduleResponse> {
        let schedule = try await request.decodeJSON(as: ScheduleInput.self, context: context).makeSchedule()
        let (created, database) = try await store { store in
            let database = try await Self.liveDatabase(schedule.databaseId, in: store)
            return await (try store.createSchedule(schedule), database)
        }
        let id = created.id ?? 0
        await scheduler.schedulesDidChange()
        try await store.audit(
            context, "schedule.create", target: "schedule", id: "\(id)",
            details: ["database_id": "\(created.databaseId)", "cron": created.cron, "timezone": created.timeZone, "enabled": "\(created.enabled)"])
        context.logger.info("schedule created", metadata: ["pgbm.schedule.id": "\(id)"])
        return EditedResponse(
            status: .created, headers: [.location: "/api/schedules/\(id)"],
            response: ScheduleResponse(created, database: database, now: Date()))
    }

    /// `GET /{id}`.
    @Sendable func show(_ request: Request, context: APIRequestContext) async throws -> ScheduleResponse {
        let id = try PathID.read(context, what: "schedule")
        return try await response(id)
    }

    /// `PUT /{id}`: replaces `database_id`, `cron`, `timezone`, `enabled`; keeps creation and last run.
    @Sendable func update(_ request: Request, context: APIRequestContext) async throws -> ScheduleResponse {
        let id = try PathID.read(context, what: "schedule")
        let input = try await request.decodeJSON(as: ScheduleInput.self, context: context).makeSchedule()
        try await store { store in
            let stored = try await Self.schedule(id, in: store)
            _ = try await Self.liveDatabase(input.databaseId, in: store)
            var schedule = input
            schedule.id = id
            schedule.createdAt = stored.createdAt
            schedule.lastRunAt = stored.lastRunAt
            schedule.nextRunAt = nil
            _ = try await store.updateSchedule(schedule)
        }
        await scheduler.schedulesDidChange()
        try await store.audit(
            context, "schedule.update", target: "schedule", id: "\(id)",
            details: ["database_id": "\(input.databaseId)", "cron": input.cron, "timezone": input.timeZone, "enabled": "\(input.enabled)"])
        return try await response(id)
    }

    /// `DELETE /{id}`: removes the schedule (its runs stay, without it); `204`.
    @Sendable func delete(_ request: Request, context: APIRequestContext) async throws -> HTTPResponse.Status {
        let id = try PathID.read(context, what: "schedule")
        try await store { store in
            _ = try await Self.schedule(id, in: store)
            try await store.deleteSchedule(id: id)
        }
        await scheduler.schedulesDidChange()
        try await store.audit(context, "schedule.delete", target: "schedule", id: "\(id)")
        return .noContent
    }

    /// `POST /{id}/run`: a backup of the schedule's database now; `202` like `POST /api/backups/run/{db_id}`.
    @Sendable func run(_ request: Request, context: APIRequestContext) async throws -> EditedResponse<RunAcceptedResponse> {
        let id = try PathID.read(context, what: "schedule")
        let schedule = try await store { store in
            let schedule = try await Self.schedule(id, in: store)
            _ = try await DatabaseController.live(schedule.databaseId, in: store)
            return schedule
        }
        return try await BackupController.enqueue(
            databaseId: schedule.databaseId, scheduleId: id, backups: backups, context: context)
    }

    /// `POST /{id}/pause`: disables it (queued runs it triggered are cancelled); `200` with the schedule.
    @Sendable func pause(_ request: Request, context: APIRequestContext) async throws -> ScheduleResponse {
        let id = try PathID.read(context, what: "schedule")
        try await scheduler.pause(scheduleId: id)
        try await store.audit(context, "schedule.pause", target: "schedule", id: "\(id)")
        return try await response(id)
    }

    /// `POST /{id}/resume`: enables it from its next slot; `200` with the schedule and next run.
    @Sendable func resume(_ request: Request, context: APIRequestContext) async throws -> ScheduleResponse {
        let id = try PathID.read(context, what: "schedule")
        _ = try await store { store in try await Self.schedule(id, in: store) }
        try await scheduler.resume(scheduleId: id)
        try await store.audit(context, "schedule.resume", target: "schedule", id: "\(id)")
        return try await response(id)
    }

    /// `GET /preview?cron=&timezone=&count=`: the next `count` (1–50, default 5) runs.
    @Sendable func preview(_ request: Request, context: APIRequestContext) async throws -> SchedulePreviewResponse {
        let query = QueryReader(request)
        guard let cron = query.string("cron") else { throw APIError.invalid(field: "cron", "is required") }
        let zone = query.string("timezone") ?? "UTC"
        var count = 5
        if let raw = query.string("count") {
            guard let value = Int(raw), (1...50).contains(value) else {
                throw APIError.invalid(field: "count", "must be a whole number from 1 to 50, got \"\(raw)\"")
            }
            count = value
        }
        let times = try ScheduleTimes(cron: cron, timeZone: zone)
        return SchedulePreviewResponse(
            cron: cron, timezone: zone, description: times.expression.humanDescription, nextRuns: times.next(count: count, after: Date()))
    }

    func response(_ id: Int64) async throws -> ScheduleResponse {
        try await store { store in
            let schedule = try await Self.schedule(id, in: store)
            return await ScheduleResponse(schedule, database: try store.database(id: schedule.databaseId), now: Date())
        }
    }

    static func schedule(_ id: Int64, in store: any ConfigurationStore) async throws -> Schedule {
        guard let schedule = try await store.schedule(id: id) else { throw APIError.notFound("schedule \(id) does not exist") }
        return schedule
    }

    /// The live database a schedule names; an unknown or deleted one is a 422 `database_id`.
    static func liveDatabase(_ id: Int64, in store: any ConfigurationStore) async throws -> ConfiguredDatabase {
        guard let database = try await store.database(id: id), database.deletedAt == nil else {
            throw APIError.invalid(field: "database_id", "database \(id) does not exist")
        }
        return database
    }

    static func cursor(_ cursor: String?) throws(APIError) -> Int64 {
        guard let cursor else { return 0 }
        guard let id = Int64(cursor, radix: 36), id > 0 else {
            throw .invalid(field: "cursor", "\"\(cursor)\" is not a cursor this server returned")
        }
        return id
    }
}
