import BackupAPIModels
import BackupCore
import BackupRepository
import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// `GET /api/restore/status/{job_id}`, `GET /api/restore/jobs` and `POST /api/restore/jobs/{id}/cancel`.
/// The work is ``RestoreJobService``'s; this only translates HTTP.
struct RestoreJobsController: Sendable {
    let restoreJobs: RestoreJobService

    /// The routes, to mount at `/api/restore`.
    var routes: RouteCollection<APIRequestContext> {
        let routes = RouteCollection(context: APIRequestContext.self)
        routes.get("status/:id", use: status)
        routes.get("jobs", use: list)
        routes.get("jobs/:id", use: status)
        routes.post("jobs/:id/cancel", use: cancel)
        return routes
    }

    /// `GET status/{id}`: the job's state, phase, bytes, times, error and details.
    @Sendable func status(_ request: Request, context: APIRequestContext) async throws -> RestoreJobResponse {
        let id = try Self.id(context)
        return RestoreJobResponse(try await restoreJobs.job(id))
    }

    /// `GET jobs`: every restore job, newest first, paginated by `limit` and `cursor`.
    @Sendable func list(_ request: Request, context: APIRequestContext) async throws -> PageResponse<RestoreJobResponse>
    {
        let query = try PageQuery(request)
        let page = try await restoreJobs.jobs(limit: query.limit, cursor: query.cursor)
        return PageResponse(items: page.items.map(RestoreJobResponse.init), nextCursor: page.nextCursor)
    }

    /// `POST jobs/{id}/cancel`: `202`; the job ends `cancelled` shortly. 409 when it has ended, or when
    /// another process (the CLI) runs it.
    @Sendable func cancel(_ request: Request, context: APIRequestContext) async throws -> EditedResponse<
        RestoreAcceptedResponse
    > {
        let id = try Self.id(context)
        switch try await restoreJobs.cancel(id, by: context.caller) {
        case .requested:
            break
        case .ended(let state):
            throw APIError(.conflict, code: .jobFinished, message: "restore job \(id) has already ended (\(state.rawValue))")
        case .elsewhere(let holder):
            throw APIError(
                .conflict, code: .jobNotHere, message: "restore job \(id) is run by another process (\(holder ?? "unknown")); stop it there")
        }
        return EditedResponse(
            status: .accepted, headers: [.location: "/api/restore/status/\(id)"],
            response: RestoreAcceptedResponse(jobId: id, state: "cancelling"))
    }

    /// The `{id}` of the path; one that is not a number names no job (404).
    static func id(_ context: APIRequestContext) throws(APIError) -> Int64 {
        try PathID.read(context, what: "restore job")
    }
}
