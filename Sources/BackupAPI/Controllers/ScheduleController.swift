import BackupAPIModels
import BackupCore
import BackupRepository
import Foundation
import HTTPTypes
import Hummingbird

/// `/api/schedules`: cron schedules (list, create, show, update, delete, run now, pause, resume) and the
/// preview of an expression. The work is ``ScheduleService``'s; this only translates HTTP.
struct ScheduleController: Sendable {
    let schedules: ScheduleService
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

    /// `GET`: schedules by id, of one database when `database_id` is given, paginated by `limit` and `cursor`.
    @Sendable func list(_ request: Request, context: APIRequestContext) async throws -> PageResponse<ScheduleResponse> {
        let page = try PageQuery(request)
        let databaseId = try QueryReader(request).id("database_id")
        let after = try Self.cursor(page.cursor)
        let all = try await schedules.list(databaseId: databaseId).filter { $0.id > after }
        let items = all.prefix(page.limit).map { ScheduleResponse($0) }
        let next = all.count > page.limit ? items.last.map { String($0.id, radix: 36) } : nil
        return PageResponse(items: Array(items), nextCursor: next)
    }

    /// `POST`: creates a schedule; `201` with it and its `Location`.
    @Sendable func create(_ request: Request, context: APIRequestContext) async throws -> EditedResponse<ScheduleResponse> {
        let schedule = try await request.decodeJSON(as: ScheduleInput.self, context: context).makeSchedule()
        let created = try await schedules.create(schedule, by: context.caller)
        return EditedResponse(
            status: .created, headers: [.location: "/api/schedules/\(created.id)"], response: ScheduleResponse(created))
    }

    /// `GET /{id}`: one schedule.
    @Sendable func show(_ request: Request, context: APIRequestContext) async throws -> ScheduleResponse {
        ScheduleResponse(try await schedules.get(try PathID.read(context, what: "schedule")))
    }

    /// `PUT /{id}`: replaces the schedule's database, expression, zone and state.
    @Sendable func update(_ request: Request, context: APIRequestContext) async throws -> ScheduleResponse {
        let id = try PathID.read(context, what: "schedule")
        let input = try await request.decodeJSON(as: ScheduleInput.self, context: context).makeSchedule()
        return ScheduleResponse(try await schedules.update(id, to: input, by: context.caller))
    }

    /// `DELETE /{id}`: `204`.
    @Sendable func delete(_ request: Request, context: APIRequestContext) async throws -> HTTPResponse.Status {
        try await schedules.delete(try PathID.read(context, what: "schedule"), by: context.caller)
        return .noContent
    }

    /// `POST /{id}/run`: queues a backup of the schedule's database now; `202` with the run.
    @Sendable func run(_ request: Request, context: APIRequestContext) async throws -> EditedResponse<RunAcceptedResponse> {
        let id = try PathID.read(context, what: "schedule")
        let schedule = try await schedules.get(id).schedule
        return try await BackupController.enqueue(
            databaseId: schedule.databaseId, scheduleId: id, backups: backups, context: context)
    }

    /// `POST /{id}/pause`: clears the next run until resumed.
    @Sendable func pause(_ request: Request, context: APIRequestContext) async throws -> ScheduleResponse {
        ScheduleResponse(try await schedules.pause(try PathID.read(context, what: "schedule"), by: context.caller))
    }

    /// `POST /{id}/resume`: runs again from the next slot after now.
    @Sendable func resume(_ request: Request, context: APIRequestContext) async throws -> ScheduleResponse {
        ScheduleResponse(try await schedules.resume(try PathID.read(context, what: "schedule"), by: context.caller))
    }

    /// `GET /preview?cron=&timezone=&count=`: the next runs of an expression (count 1–50, default 5).
    @Sendable func preview(_ request: Request, context: APIRequestContext) async throws -> SchedulePreviewResponse {
        let query = QueryReader(request)
        guard let cron = query.string("cron") else { throw APIError.invalid(field: "cron", "is required") }
        var count = 5
        if let raw = query.string("count") {
            guard let value = Int(raw), (1...50).contains(value) else {
                throw APIError.invalid(field: "count", "must be a whole number from 1 to 50, got \"\(raw)\"")
            }
            count = value
        }
        return SchedulePreviewResponse(try schedules.preview(cron: cron, timeZone: query.string("timezone") ?? "UTC", count: count))
    }

    /// The cursor: the last id of the previous page, base 36.
    static func cursor(_ cursor: String?) throws(APIError) -> Int64 {
        guard let cursor else { return 0 }
        guard let id = Int64(cursor, radix: 36), id > 0 else {
            throw .invalid(field: "cursor", "\"\(cursor)\" is not a cursor this server returned")
        }
        return id
    }
}
