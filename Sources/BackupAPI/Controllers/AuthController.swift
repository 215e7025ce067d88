import BackupAPIModels
import BackupCore
import BackupRepository
import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// `/api/auth`: the first admin's setup, login, logout and the current caller.
struct AuthController: Sendable {
    let store: StoreAccess
    let gate: SetupGate
    let hasher: PasswordHasher
    let limiter: LoginRateLimiter
    let configuration: APIConfiguration

    /// The routes, to mount at `/api/auth`.
    var routes: RouteCollection<APIRequestContext> {
        let routes = RouteCollection(context: APIRequestContext.self)
        routes.get("setup", use: setupState)
        routes.post("setup", use: setup)
        routes.post("login", use: login)
        routes.post("logout", use: logout)
        routes.get("me", use: me)
        return routes
    }

    /// `GET /setup`: `{"setup_required": true}` while the installation has no user.
    @Sendable func setupState(_ request: Request, context: APIRequestContext) async throws -> SetupStateResponse {
        SetupStateResponse(setupRequired: try await store { store in try await store.users().isEmpty })
    }

    /// `POST /setup`: creates the first admin with the one-time setup token; `201` with the user.
    @Sendable func setup(_ request: Request, context: APIRequestContext) async throws -> EditedResponse<UserResponse> {
        let input = try await request.decodeJSON(as: SetupInput.self, context: context)
        if let problem = PasswordPolicy.problem(with: input.password) { throw APIError.invalid(field: "password", problem) }
        guard try await store({ store in try await store.users().isEmpty }) else { throw Self.setupDone }
        guard await gate.claim(input.setupToken) else {
            context.logger.notice("setup refused: wrong setup token")
            throw APIError(.forbidden, code: .setupTokenInvalid, message: "the setup token does not match the one in the server log")
        }
        let hash = try await hasher.hash(input.password)
        let user = User(username: input.username, passwordHash: hash, role: .admin)
        let created: User?
        do {
            created = try await store { store in try await store.createFirstUser(user) }
        } catch {
            await gate.restore(input.setupToken)
            throw error
        }
        guard let created else { throw Self.setupDone }
        var context = context
        context.identity = Identity(userId: created.id ?? 0, username: created.username, role: .admin, credential: .session)
        try await store.audit(context, "auth.setup", target: "user", id: "\(created.id ?? 0)", details: ["username": created.username])
        context.logger.notice("first admin created", metadata: ["pgbm.user.id": "\(created.id ?? 0)"])
        return EditedResponse(status: .created, headers: [.location: "/api/users/\(created.id ?? 0)"], response: UserResponse(created))
    }

    /// `POST /login`: checks the password and starts a session: `200` with the user, the CSRF token and
    /// the `pgbm_session` cookie. Failures are a 401 that does not say which part was wrong.
    @Sendable func login(_ request: Request, context: APIRequestContext) async throws -> Response {
        let input = try await request.decodeJSON(as: LoginInput.self, context: context)
        let now = Date()
        let keys = ["ip:\(clientAddress(request, context: context))", "user:\(input.username.lowercased())"]
        if let wait = await limiter.retryAfter(keys: keys, now: now) {
            context.logger.notice("login rate-limited", metadata: ["pgbm.auth.retry_after": "\(wait)"])
            return try APIError(.tooManyRequests, code: .rateLimited, message: "too many failed logins; try again in \(wait) seconds")
                .response(from: request, context: context, headers: [.retryAfter: "\(wait)"])
        }
        let user = try await store { store in try await store.user(named: input.username) }
        let matches = try await hasher.verify(input.password, against: user?.passwordHash)
        guard let user, matches, !user.disabled else {
            let reason = user == nil ? "unknown_user" : (matches ? "disabled" : "wrong_password")
            await limiter.recordFailure(keys: keys, now: now)
            try await store.audit(
                context, "auth.login", target: "user", id: user?.id.map { "\($0)" }, outcome: .failure,
                details: ["username": input.username, "reason": reason])
            throw APIError(.unauthorized, code: .invalidCredentials, message: "wrong username or password")
        }
        await limiter.reset(keys[1])
        return try await startSession(user, request: request, context: context, now: Date())
    }

    private func startSession(_ user: User, request: Request, context: APIRequestContext, now: Date) async throws -> Response {
        let token = TokenDigest.newToken()
        let csrf = SessionCookie.csrfToken(for: token)
        let lifetime = Int(configuration.sessionLifetime.components.seconds)
        let session = UserSession(
            tokenHash: TokenDigest.digest(token), userId: user.id ?? 0, csrfTokenHash: TokenDigest.digest(csrf), createdAt: now,
            expiresAt: now.addingTimeInterval(TimeInterval(lifetime)))
        try await store { store in
            try await store.deleteExpiredSessions(now: now)
            try await store.createSession(session)
        }
        var context = context
        context.identity = Identity(userId: user.id ?? 0, username: user.username, role: user.role, credential: .session)
        try await store.audit(context, "auth.login", target: "user", id: "\(user.id ?? 0)", details: ["username": user.username])
        context.logger.info("login", metadata: ["pgbm.user.id": "\(user.id ?? 0)"])
        let body = SessionResponse(user: UserResponse(user), credential: "session", csrfToken: csrf)
        var response = try context.responseEncoder.encode(body, from: request, context: context)
        response.setCookie(SessionCookie.cookie(token, maxAge: lifetime, secure: SessionCookie.secure(request, configuration: configuration)))
        return response
    }

    /// `POST /logout`: ends the request's session (a bearer token stays valid) and clears the cookie; `204`.
    @Sendable func logout(_ request: Request, context: APIRequestContext) async throws -> Response {
        if context.identity?.credential == .session, let token = SessionCookie.token(in: request) {
            try await store { store in try await store.deleteSession(tokenHash: TokenDigest.digest(token)) }
        }
        try await store.audit(context, "auth.logout", target: "user", id: context.identity.map { "\($0.userId)" })
        var response = Response(status: .noContent)
        response.setCookie(SessionCookie.clearing(secure: SessionCookie.secure(request, configuration: configuration)))
        return response
    }

    /// `GET /me`: the caller, and for a session its CSRF token again (for a reloaded page).
    @Sendable func me(_ request: Request, context: APIRequestContext) async throws -> SessionResponse {
        guard let identity = context.identity else { throw APIError.unauthenticated() }
        guard let user = try await store({ store in try await store.user(id: identity.userId) }) else { throw APIError.unauthenticated() }
        let csrf = identity.credential == .session ? SessionCookie.token(in: request).map(SessionCookie.csrfToken(for:)) : nil
        return SessionResponse(user: UserResponse(user), credential: csrf == nil ? "token" : "session", csrfToken: csrf)
    }

    /// The client's address for the rate limit: the socket peer, or the last `X-Forwarded-For` entry
    /// when the configuration trusts the proxy.
    func clientAddress(_ request: Request, context: APIRequestContext) -> String {
        if configuration.trustForwardedFor, let forwarded = request.headers[HTTPField.Name("X-Forwarded-For")!],
            let last = forwarded.split(separator: ",").last?.trimmingCharacters(in: .whitespaces), !last.isEmpty
        {
            return last
        }
        return context.remoteAddress?.ipAddress ?? "unknown"
    }

    static let setupDone = APIError(.conflict, code: .setupDone, message: "setup is done: the installation already has a user")
}
