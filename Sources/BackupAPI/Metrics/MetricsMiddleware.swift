import Hummingbird

/// Counts every answered request and its duration in ``ServerMetrics``, labelled by the matched route
/// pattern (`/api/backups/{id}`), so ids never become label values.
struct MetricsMiddleware: RouterMiddleware {
    typealias Context = APIRequestContext
    let metrics: ServerMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        let method = request.method.rawValue
        do {
            let response = try await next(request, context)
            record(method: method, context: context, status: response.status.code, since: start)
            return response
        } catch {
            let status = (error as? any HTTPResponseError)?.status.code ?? 500
            record(method: method, context: context, status: status, since: start)
            throw error
        }
    }

    private func record(method: String, context: Context, status: Int, since start: ContinuousClock.Instant) {
        let elapsed = ContinuousClock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        metrics.recordRequest(method: method, route: context.endpointPath ?? "unmatched", status: status, seconds: seconds)
    }
}
