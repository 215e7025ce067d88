import BackupDump

extension RestoreRequest {
    /// A request from plain fields, as a frontend reads them (no BackupDump types needed).
    ///
    /// - Parameters:
    ///   - source: Where the backup is.
    ///   - target: Where it goes.
    ///   - clean: Drop each object before creating it (`pg_restore --clean`).
    ///   - ifExists: With `clean`, drop only what exists (`--if-exists`).
    ///   - noOwner: Do not set the objects' owners (`--no-owner`).
    ///   - noPrivileges: Do not restore grants (`--no-privileges`).
    ///   - jobs: Parallel `pg_restore` jobs.
    ///   - passphrase: The backup's passphrase when it is not one of the stored ones.
    ///   - countRows: Count the rows of every table once restored.
    public init(
        source: RestoreSource, target: RestoreTarget, clean: Bool, ifExists: Bool, noOwner: Bool, noPrivileges: Bool,
        jobs: Int, passphrase: String?, countRows: Bool
    ) {
        self.init(
            source: source, target: target,
            options: RestoreOptions(clean: clean, ifExists: ifExists, noOwner: noOwner, noPrivileges: noPrivileges, jobs: jobs),
            passphrase: passphrase, countRows: countRows)
    }
}

extension RestoreTarget.Server {
    /// The SSL modes a connection may ask for (`disable`, `allow`, `prefer`, `require`, `verify-ca`, `verify-full`).
    public static var sslModes: [String] { ConnectionSettings.SSLMode.allCases.map(\.rawValue) }

    /// A server given by its connection fields; `nil` when `sslMode` is not one of ``sslModes``.
    public static func connection(
        host: String, port: Int, database: String, user: String, sslMode: String?, sslRootCertificate: String?,
        password: String?
    ) -> RestoreTarget.Server? {
        var settings = ConnectionSettings(host: host, port: port, database: database, user: user)
        if let sslMode {
            guard let mode = ConnectionSettings.SSLMode(rawValue: sslMode) else { return nil }
            settings.sslMode = mode
        }
        settings.sslRootCertificate = sslRootCertificate
        settings.password = password
        return .connection(settings)
    }
}
