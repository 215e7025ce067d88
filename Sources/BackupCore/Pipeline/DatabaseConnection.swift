public import BackupDump
public import BackupRepository

/// How pgbm connects to a configured database (libpq settings with the stored password).
public enum DatabaseConnection {
    /// The connection settings of `database`, its password read from the store.
    public static func settings(for database: ConfiguredDatabase, store: some DatabaseRepository) async throws -> ConnectionSettings {
        let mode = ConnectionSettings.SSLMode(rawValue: database.sslMode.rawValue) ?? .prefer
        return ConnectionSettings(
            host: database.host, port: database.port, database: database.database, user: database.user,
            password: try await store.password(ofDatabase: database.id ?? 0)?.revealed, sslMode: mode,
            sslRootCertificate: database.sslRootCertificate, options: database.options.isEmpty ? nil : database.options)
    }
}
