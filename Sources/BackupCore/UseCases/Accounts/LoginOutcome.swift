public import BackupRepository
public import Foundation

/// The result of a login: a started session, or a refusal whose reason goes to the audit log only (the
/// person is told "wrong username or password" whatever the reason).
public enum LoginOutcome: Sendable, Equatable {
    /// Why a login was refused.
    public enum Reason: String, Sendable {
        /// No user has that name.
        case unknownUser = "unknown_user"
        /// The password does not match.
        case wrongPassword = "wrong_password"
        /// The user is disabled.
        case disabled
    }

    /// The password matched: the session.
    case started(StartedSession)
    /// The login was refused.
    case refused(Reason)
}

/// A session started by a login: the user, the session token (the cookie's value, stored only as a
/// digest), its CSRF token and when it expires.
public struct StartedSession: Sendable, Equatable {
    /// Who signed in.
    public let user: User
    /// The session token.
    public let token: String
    /// The CSRF token state-changing requests of this session send back.
    public let csrfToken: String
    /// When the session ends.
    public let expiresAt: Date
}
