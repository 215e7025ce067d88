import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// Refuses a state-changing request (any method but `GET` and `HEAD`, as for the CSRF header) whose
/// `Origin` header names another site: the server's own origin (``WebOrigin/init(servedBy:)``), the origin
/// of `PGBM_BASE_URL` and that of `general.public_base_url` are accepted; anything else is a
/// `403 origin_mismatch` before authentication, the body or any store change.
///
/// Browsers send `Origin` with every such request (same-origin ones too), so a page elsewhere cannot
/// log a victim in to the attacker's account (login CSRF) or make a change with the victim's session.
/// A request without `Origin` (`curl`, scripts, API clients, `pgbm-cli`) is not affected.
///
/// ```swift
/// router.add(middleware: OriginMiddleware(configuration: configuration) { try await settings.publicBaseURL() })
/// ```
struct OriginMiddleware: RouterMiddleware {
    typealias Context = APIRequestContext

    /// The configured address (`PGBM_BASE_URL`).
    let configuration: APIConfiguration
    /// Reads `general.public_base_url`; asked only when the origin is not the server's own.
    let publicBaseURL: @Sendable () async throws -> String?

    func handle(
        _ request: Request, context: APIRequestContext, next: (Request, APIRequestContext) async throws -> Response
    ) async throws -> Response {
        guard AccessPolicy.Route(method: request.method, path: request.uri.path).changesState,
            let header = request.headers[.origin]
        else { return try await next(request, context) }
        let own = WebOrigin(servedBy: request)
        if let origin = WebOrigin(header) {
            if origin == own { return try await next(request, context) }
            let configured = configuration.baseURL.flatMap(WebOrigin.init(url:))
            if origin == configured { return try await next(request, context) }
            if let stored = try await publicBaseURL().flatMap(WebOrigin.init(url:)), origin == stored {
                return try await next(request, context)
            }
        }
        let given = String(header.prefix(200))
        context.logger.notice(
            "request refused: foreign Origin",
            metadata: ["pgbm.http.origin": "\(given)", "pgbm.http.route": "\(request.method) \(request.uri.path)"])
        throw APIError(
            .forbidden, code: .originMismatch,
            message: "the Origin \(given) is neither this server (\(own?.description ?? "unknown")) nor general.public_base_url: "
                + "changes come only from pgbm's own pages or from clients that send no Origin (behind a proxy, set PGBM_BASE_URL)")
    }
}
