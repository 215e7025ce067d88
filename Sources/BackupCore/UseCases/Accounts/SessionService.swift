public import BackupRepository
public import Foundation
import Logging

/// Signing in: the first admin's setup, the password check of a login, and browser sessions. Cookies,
/// CSRF headers and the login rate limit are the web frontend's; this owns the checks, the store calls
/// and the audit events (`auth.setup`, `auth.login`, `auth.logout`).
///
/// ```swift
/// switch try await manager.sessions.logIn(username: "alice", password: password, lifetime: 3600, csrf: derive, by: caller) {
/// case .started(let session): print(session.token)
/// case .refused(let reason): print(reason)
/// }
/// ```
public struct SessionService: UseCase {
    let store: any ConfigurationStore
    var hasher = PasswordHasher()
    let logger: Logger

    /// Whether the installation has no user yet (the first admin's setup is open).
    public func setupRequired() async throws -> Bool {
        try await store.users().isEmpty
    }

    /// Creates the first admin, unless a user exists by then; audited as `auth.setup` by the new admin.
    /// - Returns: the admin, or `nil` when the installation already has a user.
    /// - Throws: `StoreError` `invalid` naming `password` or `username`.
    public func setUp(username: String, password: String) async throws -> User? {
        try UserService.checkNewUser(username: username, password: password)
        let hash = try await hasher.hash(password)
        guard let created = try await store.createFirstUser(User(username: username, passwordHash: hash, role: .admin)) else {
            return nil
        }
        let id = created.id ?? 0
        try await audit.record(
            "auth.setup", by: Caller(kind: .user, name: created.username), target: "user", id: "\(id)",
            details: ["username": .string(created.username)])
        logger.notice("first admin created", metadata: ["pgbm.user.id": "\(id)"])
        return created
    }

    /// Checks a login and starts a session: the session token (for the cookie) and its CSRF token, which
    /// `csrf` derives from the session token. A refusal is audited as a failed `auth.login` with the
    /// reason (`unknown_user`, `wrong_password`, `disabled`); a success as `auth.login` by the user.
    /// - Parameters:
    ///   - username: The name given at the login.
    ///   - password: The password given at the login.
    ///   - lifetime: How long the session lasts, in seconds.
    ///   - csrf: The CSRF token of a session token.
    ///   - caller: Who asks (before signing in: `system`/`api`), for a refused login's audit event.
    ///   - now: The instant the session starts.
    public func logIn(
        username: String, password: String, lifetime: TimeInterval, csrf: (String) -> String, by caller: Caller,
        now: Date = Date()
    ) async throws -> LoginOutcome {
        let user = try await store.user(named: username)
        let matches = try await hasher.verify(password, against: user?.passwordHash)
        guard let user, matches, !user.disabled else {
            let reason: LoginOutcome.Reason = user == nil ? .unknownUser : (matches ? .disabled : .wrongPassword)
            try await audit.record(
                "auth.login", by: caller, target: "user", id: user?.id.map { "\($0)" }, outcome: .failure,
                details: ["username": .string(username), "reason": .string(reason.rawValue)])
            return .refused(reason)
        }
        let token = TokenDigest.newToken()
        let csrfToken = csrf(token)
        let session = UserSession(
            tokenHash: TokenDigest.digest(token), userId: user.id ?? 0, csrfTokenHash: TokenDigest.digest(csrfToken),
            createdAt: now, expiresAt: now.addingTimeInterval(lifetime))
        _ = try await store.deleteExpiredSessions(now: now)
        try await store.createSession(session)
        try await audit.record(
            "auth.login", by: Caller(kind: .user, name: user.username), target: "user", id: "\(user.id ?? 0)",
            details: ["username": .string(user.username)])
        logger.info("login", metadata: ["pgbm.user.id": "\(user.id ?? 0)"])
        return .started(StartedSession(user: user, token: token, csrfToken: csrfToken, expiresAt: session.expiresAt))
    }

    /// Ends the session with token `sessionToken` (when given) and audits `auth.logout` for `userId`.
    public func logOut(sessionToken: String?, userId: Int64?, by caller: Caller) async throws {
        if let sessionToken { try await store.deleteSession(tokenHash: TokenDigest.digest(sessionToken)) }
        try await audit.record("auth.logout", by: caller, target: "user", id: userId.map { "\($0)" })
    }
}
