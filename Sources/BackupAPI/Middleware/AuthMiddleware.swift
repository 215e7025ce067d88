import BackupCore
import BackupRepository
import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// Authenticates every non-public request (session cookie or bearer token), checks the CSRF header of
/// session-authenticated changes and the caller's role against ``AccessPolicy``, and sets
/// `context.identity`.
///
/// Missing, unknown, expired or disabled-user credentials are a 401 with `WWW-Authenticate: Bearer`; a
/// missing or wrong CSRF header and a role that may not call the route are a 403, audited with outcome
/// `denied`.
struct AuthMiddleware: RouterMiddleware {
    typealias Context = APIRequestContext

    /// Finds who a token or session belongs to and records refusals.
    let sessions: SessionService

    func handle(
        _ request: Request, context: APIRequestContext, next: (Request, APIRequestContext) async throws -> Response
    ) async throws -> Response {
        let route = AccessPolicy.Route(method: request.method, path: request.uri.path)
        if route.isPublic { return try await next(request, context) }
        let identity: Identity
        let csrfHash: String?
        do {
            (identity, csrfHash) = try await authenticate(request)
        } catch let error as APIError where error.code == .unauthenticated {
            return try error.response(from: request, context: context, headers: [.wwwAuthenticate: "Bearer"])
        }
        var context = context
        context.identity = identity
        if let csrfHash, route.changesState, !Self.csrfMatches(request, hash: csrfHash) {
            try await deny(route, reason: "csrf", context: context)
            throw APIError(
                .forbidden, code: .csrfFailed,
                message: "a change made with a session cookie needs the X-CSRF-Token header of that session")
        }
        guard route.permits(identity.role) else {
            try await deny(route, reason: "role", context: context)
            throw APIError.forbidden("the \(identity.role.rawValue) role may not call \(route)")
        }
        return try await next(request, context)
    }

    /// The caller and, for a session, its CSRF token's hash; a 401 without a valid credential.
    func authenticate(_ request: Request) async throws -> (Identity, csrfHash: String?) {
        if let authorization = request.headers[.authorization] {
            guard authorization.count > 7, authorization.prefix(7).lowercased() == "bearer " else {
                throw APIError.unauthenticated("the Authorization header must be \"Bearer <token>\"")
            }
            return (try await bearer(String(authorization.dropFirst(7)).trimmingCharacters(in: .whitespaces)), nil)
        }
        if let token = SessionCookie.token(in: request) {
            return try await session(token)
        }
        throw APIError.unauthenticated()
    }

    private func bearer(_ token: String) async throws -> Identity {
        guard case .token(let record, let user)? = try await sessions.authenticate(token: token) else {
            throw APIError.unauthenticated("the bearer token is unknown, expired or revoked")
        }
        return Identity(
            userId: user.id ?? 0, username: user.username, role: user.role,
            credential: .token(id: record.id ?? 0, name: record.name))
    }

    private func session(_ token: String) async throws -> (Identity, csrfHash: String?) {
        guard case .session(let session, let user)? = try await sessions.authenticate(session: token) else {
            throw APIError.unauthenticated("the session has expired or ended; sign in again")
        }
        return (Identity(userId: user.id ?? 0, username: user.username, role: user.role, credential: .session), session.csrfTokenHash)
    }

    /// Whether the request's `X-CSRF-Token` header hashes to `hash` (compared in constant time).
    static func csrfMatches(_ request: Request, hash: String) -> Bool {
        guard let header = request.headers[SessionCookie.csrfHeader], !header.isEmpty else { return false }
        return SetupGate.constantTimeEqual(TokenDigest.digest(header), hash)
    }

    private func deny(_ route: AccessPolicy.Route, reason: String, context: APIRequestContext) async throws {
        context.logger.notice(
            "request denied", metadata: ["pgbm.auth.route": "\(route)", "pgbm.auth.reason": "\(reason)"])
        try await sessions.recordDenial(route: route.description, reason: reason, by: context.caller)
    }
}
