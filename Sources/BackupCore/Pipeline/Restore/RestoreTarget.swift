public import BackupDump

/// Where a restore writes: a configured database or an ad-hoc connection, into an existing database or
/// a new one that pgbm creates.
public struct RestoreTarget: Sendable, Equatable {
    /// The server and the role to connect as.
    public enum Server: Sendable, Equatable {
        /// A configured database: its host, port, role, password and SSL settings.
        case configured(databaseId: Int64)
        /// Any server; the password is used for this restore only and never stored.
        case connection(ConnectionSettings)
    }

    public var server: Server
    /// The database to restore into; `nil` means the configured database's own (or the connection's).
    public var database: String?
    /// pgbm creates ``database`` first; it must not exist. Otherwise it must exist.
    public var create: Bool

    /// A target.
    public init(server: Server, database: String? = nil, create: Bool = false) {
        self.server = server
        self.database = database
        self.create = create
    }
}
