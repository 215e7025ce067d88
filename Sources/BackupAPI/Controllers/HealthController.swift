import BackupAPIModels
import Foundation
import HTTPTypes
import Hummingbird

/// `GET /api/health`: cheap liveness for load balancers and Docker health checks (no store access, no
/// authentication). `GET /api/health/detailed`: the store, backup folder, scheduler, S3 and staleness
/// of every database; `503` when the store does not answer.
struct HealthController: Sendable {
    let version: String
    let report: HealthReport

    /// The routes, to mount at `/api/health`.
    var routes: RouteCollection<APIRequestContext> {
        let routes = RouteCollection(context: APIRequestContext.self)
        routes.get(use: health)
        routes.get("detailed", use: detailed)
        return routes
    }

    @Sendable func health(_ request: Request, context: APIRequestContext) async throws -> HealthResponse {
        HealthResponse(status: "ok", version: version)
    }

    @Sendable func detailed(_ request: Request, context: APIRequestContext) async throws -> EditedResponse<DetailedHealthResponse> {
        let response = await report.make()
        return EditedResponse(status: response.store.ok ? .ok : .serviceUnavailable, response: response)
    }
}
