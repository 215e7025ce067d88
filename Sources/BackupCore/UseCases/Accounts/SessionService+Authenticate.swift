public import BackupRepository
public import Foundation

extension SessionService {
    /// Who a credential belongs to: the user, and the token or the session it came with.
    public enum Authenticated: Sendable {
        /// An API token of an enabled user.
        case token(APIToken, User)
        /// A live browser session of an enabled user.
        case session(UserSession, User)
    }

    /// How often a token's last use is written (at most once per this many seconds).
    static var lastUsedResolution: TimeInterval { 60 }

    /// The enabled user an API token belongs to, or `nil` when the token is unknown, expired or revoked or
    /// its user is disabled. Records the token's last use (at most once a minute).
    public func authenticate(token: String, now: Date = Date()) async throws -> Authenticated? {
        guard let (record, user) = try await store.tokenAndUser(hash: TokenDigest.digest(token), now: now), let id = record.id,
            !user.disabled
        else { return nil }
        if record.lastUsedAt.map({ now.timeIntervalSince($0) >= Self.lastUsedResolution }) ?? true {
            try await store.touchToken(id: id, at: now)
        }
        return .token(record, user)
    }

    /// The enabled user a session token belongs to, or `nil` when the session has expired or ended or its
    /// user is disabled.
    public func authenticate(session token: String, now: Date = Date()) async throws -> Authenticated? {
        guard let (session, user) = try await store.sessionAndUser(tokenHash: TokenDigest.digest(token), now: now), !user.disabled
        else { return nil }
        return .session(session, user)
    }

    /// Records a refused request (`auth.denied`, outcome `denied`) with the route and the reason
    /// (`role`, `csrf`).
    public func recordDenial(route: String, reason: String, by caller: Caller) async throws {
        try await audit.record(
            "auth.denied", by: caller, target: "route", id: route, outcome: .denied, details: ["reason": .string(reason)])
    }
}
