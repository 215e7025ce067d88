public import BackupDump
public import BackupRepository

/// How pgbm connects to a configured database (libpq settings with the stored password).
public enum DatabaseConnection {
    /// The connection settings of `database`, its password read from the store.
    /// - Throws: `StoreError` `invalid` naming the field when a stored connection field holds a control
    ///   character (stored before pgbm refused them): a line break or escape in a host, name or option is
    ///   not handed to libpq and the client programs.
    public static func settings(for database: ConfiguredDatabase, store: some DatabaseRepository) async throws -> ConnectionSettings {
        let fields = [
            ("host", database.host), ("database", database.database), ("user", database.user), ("options", database.options),
            ("ssl_root_certificate", database.sslRootCertificate ?? ""),
        ]
        for (field, value) in fields {
            if let (scalar, position) = TextRule.controlCharacter(in: value) {
                throw StoreError.invalid(field: field, "the stored value \(TextRule.controlMessage(scalar, at: position)): edit the database")
            }
        }
        let mode = ConnectionSettings.SSLMode(rawValue: database.sslMode.rawValue) ?? .prefer
        return ConnectionSettings(
            host: database.host, port: database.port, database: database.database, user: database.user,
            password: try await store.password(ofDatabase: database.id ?? 0)?.revealed, sslMode: mode,
            sslRootCertificate: database.sslRootCertificate, options: database.options.isEmpty ? nil : database.options)
    }
}
