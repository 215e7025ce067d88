import BackupAPIModels
import BackupCore
import BackupRepository
import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// `/api/auth`: the first admin's setup, login, logout and the current caller. The checks, the store
/// calls and the audit events are ``SessionService``'s; this keeps what is HTTP: the setup gate, the
/// login rate limit, the cookie and the CSRF token.
struct AuthController: Sendable {
    let sessions: SessionService
    let users: UserService
    let gate: SetupGate
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
        SetupStateResponse(setupRequired: try await sessions.setupRequired())
    }

    /// `POST /setup`: creates the first admin with the one-time setup token; `201` with the user (a body
    /// not sent as JSON is a 415).
    @Sendable func setup(_ request: Request, context: APIRequestContext) async throws -> EditedResponse<UserResponse> {
        try request.requireJSONContentType()
        let input = try await request.decodeJSON(as: SetupInput.self, context: context)
        // The fields are checked before the state, so a bad field is a 422 naming it whatever the state.
        try TextRule.shortText.check(input.setupToken, field: "setup_token")
        try UserService.checkNewUser(username: input.username, password: input.password)
        guard try await sessions.setupRequired() else { throw Self.setupDone }
        guard await gate.claim(input.setupToken) else {
            context.logger.notice("setup refused: wrong setup token")
            throw APIError(.forbidden, code: .setupTokenInvalid, message: "the setup token does not match the one in the server log")
        }
        let created: User?
        do {
            created = try await sessions.setUp(username: input.username, password: input.password)
        } catch {
            await gate.restore(input.setupToken)
            throw error
        }
        guard let created else { throw Self.setupDone }
        return EditedResponse(status: .created, headers: [.location: "/api/users/\(created.id ?? 0)"], response: UserResponse(created))
    }

    /// `POST /login`: checks the password and starts a session: `200` with the user, the CSRF token and
    /// the `pgbm_session` cookie. Failures are a 401 that does not say which part was wrong; a body not
    /// sent as JSON is a 415, and an attempt past the limit (failed and in-flight attempts of the address
    /// or the username) a 429 before the password is looked at.
    @Sendable func login(_ request: Request, context: APIRequestContext) async throws -> Response {
        try request.requireJSONContentType()
        let input = try await request.decodeJSON(as: LoginInput.self, context: context)
        let keys = ["ip:\(clientAddress(request, context: context))", "user:\(input.username.lowercased())"]
        // The attempt takes its place in the limit before bcrypt runs, so attempts in flight count too.
        let attempt: LoginRateLimiter.Attempt
        switch await limiter.admit(keys: keys, now: configuration.loginRateLimit.now()) {
        case .admitted(let admitted):
            attempt = admitted
        case .refused(let wait):
            context.logger.notice("login rate-limited", metadata: ["pgbm.auth.retry_after": "\(wait)"])
            return try APIError(.tooManyRequests, code: .rateLimited, message: "too many failed logins; try again in \(wait) seconds")
                .response(from: request, context: context, headers: [.retryAfter: "\(wait)"])
        }
        let lifetime = Int(configuration.sessionLifetime.components.seconds)
        let outcome: LoginOutcome
        do {
            outcome = try await sessions.logIn(
                username: input.username, password: input.password, lifetime: TimeInterval(lifetime),
                csrf: SessionCookie.csrfToken(for:), by: context.caller)
        } catch {
            await limiter.release(attempt)
            throw error
        }
        guard case .started(let session) = outcome else {
            await limiter.fail(attempt, now: configuration.loginRateLimit.now())
            throw APIError(.unauthorized, code: .invalidCredentials, message: "wrong username or password")
        }
        await limiter.succeed(attempt, clearing: keys[1])
        let body = SessionResponse(user: UserResponse(session.user), credential: "session", csrfToken: session.csrfToken)
        var response = try context.responseEncoder.encode(body, from: request, context: context)
        response.setCookie(
            SessionCookie.cookie(session.token, maxAge: lifetime, secure: SessionCookie.secure(request, configuration: configuration)))
        return response
    }

    /// `POST /logout`: ends the request's session (a bearer token stays valid) and clears the cookie; `204`.
    @Sendable func logout(_ request: Request, context: APIRequestContext) async throws -> Response {
        let token = context.identity?.credential == .session ? SessionCookie.token(in: request) : nil
        try await sessions.logOut(sessionToken: token, userId: context.identity?.userId, by: context.caller)
        var response = Response(status: .noContent)
        response.setCookie(SessionCookie.clearing(secure: SessionCookie.secure(request, configuration: configuration)))
        return response
    }

    /// `GET /me`: the caller, and for a session its CSRF token again (for a reloaded page).
    @Sendable func me(_ request: Request, context: APIRequestContext) async throws -> SessionResponse {
        guard let identity = context.identity else { throw APIError.unauthenticated() }
        let user: User
        do {
            user = try await users.get(identity.userId)
        } catch let error as StoreError where error.code == .notFound {
            throw APIError.unauthenticated()
        }
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
