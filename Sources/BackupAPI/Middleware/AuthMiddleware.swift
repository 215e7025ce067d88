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

    let store: StoreAccess
    /// How often at most a token's `last_used_at` is written.
    static let lastUsedResolution: TimeInterval = 60

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
        let now = Date()
        let found = try await store { store -> (APIToken, User)? in
            guard let record = try await store.token(hash: TokenDigest.digest(token), now: now), let id = record.id,
                let user = try await store.user(id: record.userId), !user.disabled
            else { return nil }
            if record.lastUsedAt.map({ now.timeIntervalSince($0) >= Self.lastUsedResolution }) ?? true {
                try await store.touchToken(id: id, at: now)
            }
            return (record, user)
        }
        guard let (record, user) = found else {
            throw APIError.unauthenticated("the bearer token is unknown, expired or revoked")
        }
        return Identity(
            userId: user.id ?? 0, username: user.username, role: user.role,
            credential: .token(id: record.id ?? 0, name: record.name))
    }

    private func session(_ token: String) async throws -> (Identity, csrfHash: String?) {
        let now = Date()
        let found = try await store { store -> (UserSession, User)? in
            guard let session = try await store.session(tokenHash: TokenDigest.digest(token), now: now),
                let user = try await store.user(id: session.userId), !user.disabled
            else { return nil }
            return (session, user)
        }
        guard let (session, user) = found else {
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
        try await store.audit(
            context, "auth.denied", target: "route", id: route.description, outcome: .denied, details: ["reason": reason])
    }
}
