import BackupAPIModels
import BackupCore
import BackupRepository
import Foundation
import HTTPTypes
import Hummingbird

/// `/api/backups`: backup runs (list, show with files and progress), run now, cancel, verify. The work is
/// ``BackupService``'s; this only translates HTTP.
struct BackupController: Sendable {
    let backups: BackupService

    /// The routes, to mount at `/api/backups`.
    var routes: RouteCollection<APIRequestContext> {
        let routes = RouteCollection(context: APIRequestContext.self)
        routes.get(use: list)
        routes.get(":id", use: show)
        routes.post("run/:db_id", use: runNow)
        routes.post(":id/cancel", use: cancel)
        routes.post(":id/verify", use: verify)
        return routes
    }

    /// `GET`: runs newest first; filters `database_id`, `state`, `since`, `until` (queued time).
    @Sendable func list(_ request: Request, context: APIRequestContext) async throws -> PageResponse<BackupRunResponse> {
        let page = try PageQuery(request)
        let query = QueryReader(request)
        let filter = RunFilter(
            databaseId: try query.id("database_id"), state: try query.value("state", as: BackupRun.State.self),
            since: try query.date("since"), until: try query.date("until"))
        let runs = try await backups.runs(filter, limit: page.limit, cursor: page.cursor)
        let now = Date()
        return PageResponse(items: runs.items.map { BackupRunResponse($0, now: now) }, nextCursor: runs.nextCursor)
    }

    /// `GET /{id}`: one run with its files and, while running, the bytes written so far.
    @Sendable func show(_ request: Request, context: APIRequestContext) async throws -> BackupRunResponse {
        BackupRunResponse(try await backups.run(try PathID.read(context, what: "backup run")))
    }

    /// `POST /run/{db_id}`: queues a backup through the scheduler (or joins the one queued or running);
    /// `202` with the run id and its `Location`.
    @Sendable func runNow(_ request: Request, context: APIRequestContext) async throws -> EditedResponse<RunAcceptedResponse> {
        let databaseId = try PathID.read(context, "db_id", what: "database")
        return try await Self.enqueue(databaseId: databaseId, scheduleId: nil, backups: backups, context: context)
    }

    /// `POST /{id}/cancel`: cancels a run queued or running in this server; `202`, or `409` when it ended.
    @Sendable func cancel(_ request: Request, context: APIRequestContext) async throws -> EditedResponse<RunAcceptedResponse> {
        let id = try PathID.read(context, what: "backup run")
        switch try await backups.cancel(id, by: context.caller) {
        case .requested(let state):
            return EditedResponse(status: .accepted, response: RunAcceptedResponse(runId: id, state: state))
        case .ended(let state):
            throw APIError(.conflict, code: .notRunning, message: "backup run \(id) is \(state.rawValue), not queued or running")
        case .elsewhere(let state):
            throw APIError(
                .conflict, code: .notRunning,
                message: "backup run \(id) is \(state.rawValue) in another process (pgbm-cli); cancel it there")
        }
    }

    /// `POST /{id}/verify`: verifies the run's local file now (synchronously) and records the result;
    /// `200` with it, `409 no_local_file` when the run has none.
    @Sendable func verify(_ request: Request, context: APIRequestContext) async throws -> BackupFileVerifyResponse {
        let id = try PathID.read(context, what: "backup run")
        switch try await backups.verify(id, by: context.caller) {
        case .verified(let file, let verification):
            return BackupFileVerifyResponse(
                runId: id, fileName: file.fileName, result: verification.result, message: verification.message,
                verifiedAt: verification.at)
        case .noLocalFile:
            throw APIError(.conflict, code: .noLocalFile, message: "backup run \(id) has no file on disk to verify")
        case .unavailable(let message):
            throw APIError(.conflict, code: .verificationUnavailable, message: message)
        }
    }

    /// Queues a run of `databaseId` (shared with `POST /api/schedules/{id}/run`) and answers `202`.
    static func enqueue(
        databaseId: Int64, scheduleId: Int64?, backups: BackupService, context: APIRequestContext
    ) async throws -> EditedResponse<RunAcceptedResponse> {
        let (runId, state) = try await backups.runNow(databaseId: databaseId, scheduleId: scheduleId, by: context.caller)
        return EditedResponse(
            status: .accepted, headers: [.location: "/api/backups/\(runId)"], response: RunAcceptedResponse(runId: runId, state: state))
    }
}
