import Hummingbird
import NIOCore

/// `GET /metrics`: every metric in the Prometheus text format (version 0.0.4).
struct MetricsController: Sendable {
    let metrics: ServerMetrics

    /// The routes, to mount at `/metrics`.
    var routes: RouteCollection<APIRequestContext> {
        let routes = RouteCollection(context: APIRequestContext.self)
        routes.get(use: exposition)
        return routes
    }

    @Sendable func exposition(_ request: Request, context: APIRequestContext) async throws -> Response {
        Response(
            status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: metrics.exposition())))
    }
}
