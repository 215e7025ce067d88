import BackupDump

/// The target of a running restore: the database restored into, the server's maintenance database, and
/// what the server said.
struct RestoreConnection: Sendable {
    /// Connects to the database restored into.
    let database: ConnectionSettings
    /// Connects to the same server's `postgres` database (to check for and create the database).
    let maintenance: ConnectionSettings
    let server: ServerInfo

    /// `user@host:port/database`, never the password.
    var summary: String { "\(database.user)@\(database.endpoint)/\(database.database)" }
}
