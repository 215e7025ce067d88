import Hummingbird

/// Turns everything a route throws into the API's error body and status (``APIError``), including the
/// router's own 404 for an unknown path, so every error has one shape.
struct ErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            throw APIError.mapping(error, logger: context.logger)
        }
    }
}
