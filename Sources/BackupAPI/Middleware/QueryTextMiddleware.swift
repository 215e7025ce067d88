import BackupRepository
import Hummingbird

/// Checks every query parameter of an authenticated request before a route reads it: no control
/// character and at most 1024 bytes (``rule``), else a 422 naming the parameter. The routes' readers
/// (``QueryReader``, ``PageQuery``) then see only text that fits; what each value must be (an id, a time,
/// one of a set) is theirs to check.
struct QueryTextMiddleware: RouterMiddleware {
    typealias Context = APIRequestContext

    /// The rule for any query parameter's value (cursors, filters, a cron expression, a file name).
    static let rule = TextRule(kind: "query parameter", maximum: 1024)

    func handle(
        _ request: Request, context: APIRequestContext, next: (Request, APIRequestContext) async throws -> Response
    ) async throws -> Response {
        if request.uri.query != nil {
            for (name, value) in request.uri.queryParameters {
                try Self.rule.check(String(name), field: "query parameter name")
                try Self.rule.check(String(value), field: String(name))
            }
        }
        return try await next(request, context)
    }
}
