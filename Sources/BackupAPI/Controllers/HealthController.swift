import Hummingbird

/// `GET /api/health`: cheap liveness for load balancers and Docker health checks; no store access,
/// no authentication.
struct HealthController: Sendable {
    let version: String

    /// The routes, to mount at `/api/health`.
    var routes: RouteCollection<APIRequestContext> {
        let routes = RouteCollection(context: APIRequestContext.self)
        routes.get(use: health)
        return routes
    }

    @Sendable func health(_ request: Request, context: APIRequestContext) async throws -> HealthResponse {
        HealthResponse(status: "ok", version: version)
    }
}
