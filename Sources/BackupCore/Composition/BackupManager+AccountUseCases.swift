extension BackupManager {
    /// The people who may sign in (list, create, update, delete).
    public var users: UserService { UserService(store: store, logger: logger) }

    /// API tokens (list, create, revoke).
    public var tokens: TokenService { TokenService(store: store, logger: logger) }

    /// The first admin's setup, logins and sessions.
    public var sessions: SessionService { SessionService(store: store, logger: logger) }

    /// The audit log (list).
    public var audit: AuditService { AuditService(store: store) }
}
