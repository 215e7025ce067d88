/// What a successful connection test learned about the server and the database.
public struct ServerInfo: Sendable, Hashable {
    /// The server's version (`PQserverVersion`), with `server_version` as its text (`15.18 (Debian …)`).
    public let version: PostgresVersion
    /// The database's size in bytes (`pg_database_size(current_database())`).
    public let databaseSize: Int64
    /// Whether the connection uses SSL (`PQsslInUse`).
    public let sslInUse: Bool

    /// A test result.
    public init(version: PostgresVersion, databaseSize: Int64, sslInUse: Bool) {
        self.version = version
        self.databaseSize = databaseSize
        self.sslInUse = sslInUse
    }
}

extension ServerInfo: CustomStringConvertible {
    /// `PostgreSQL 15.18, 7.4 MiB, SSL`.
    public var description: String {
        let mib = Double(databaseSize) / 1_048_576
        let size = mib >= 1 ? "\((mib * 10).rounded() / 10) MiB" : "\(databaseSize) bytes"
        return "PostgreSQL \(version), \(size), \(sslInUse ? "SSL" : "no SSL")"
    }
}
