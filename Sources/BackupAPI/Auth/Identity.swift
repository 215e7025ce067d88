public import BackupCore
public import BackupRepository

/// Who sent a request, as the authentication middleware established it.
public struct Identity: Sendable, Equatable {
    /// How the caller proved who they are.
    public enum Credential: Sendable, Equatable {
        /// A browser session cookie (state-changing requests also need the CSRF header).
        case session
        /// `Authorization: Bearer <token>`; the token's id and name.
        case token(id: Int64, name: String)
    }

    /// The user's id.
    public var userId: Int64
    /// The user's name.
    public var username: String
    /// What the user may do.
    public var role: User.Role
    /// Session or API token.
    public var credential: Credential

    /// Creates an identity.
    public init(userId: Int64, username: String, role: User.Role, credential: Credential) {
        self.userId = userId
        self.username = username
        self.role = role
        self.credential = credential
    }

    /// Who this is to the use cases and the audit log: `user`/`alice`, or `token`/`alice (token ci)`.
    public var caller: Caller {
        switch credential {
        case .session: Caller(kind: .user, name: username)
        case .token(_, let name): Caller(kind: .token, name: "\(username) (token \(name))")
        }
    }
}
