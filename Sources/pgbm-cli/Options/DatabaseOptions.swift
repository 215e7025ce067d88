import ArgumentParser
import BackupRepository

/// The connection and retention settings of a database that `db add` and `db edit` take; each is
/// optional (`db add` uses the defaults for those not given, `db edit` keeps the stored values).
struct DatabaseOptions: ParsableArguments {
    @Option(help: "PostgreSQL port (default 5432).")
    var port: Int?

    @Option(name: .customLong("ssl-mode"), help: "disable, prefer, require or verify-full (default prefer).")
    var sslMode: String?

    @Option(name: .customLong("ssl-root-cert"), help: "CA certificate (PEM file) for verify-full; \"\" removes it.")
    var sslRootCert: String?

    @Option(parsing: .unconditional, help: "Extra libpq options, e.g. \"-c statement_timeout=0\".")
    var options: String?

    @Option(
        name: .customLong("retention-override"),
        help: #"This database's retention as JSON, e.g. {"daily": 30}; "" for the global policy."#)
    var retentionOverride: String?

    @Option(name: .customLong("retention-timezone"), help: "IANA time zone of the retention calendar (default UTC).")
    var retentionTimezone: String?

    /// Whether any option was given.
    var isEmpty: Bool {
        port == nil && sslMode == nil && sslRootCert == nil && options == nil && retentionOverride == nil
            && retentionTimezone == nil
    }

    /// Sets the given options on `database`; the store validates the result.
    /// - Throws: ``StoreError`` `invalid` for an unknown `--ssl-mode`.
    func apply(to database: inout ConfiguredDatabase) throws {
        if let port { database.port = port }
        if let sslMode { database.sslMode = try Self.sslMode(sslMode) }
        if let sslRootCert { database.sslRootCertificate = sslRootCert.isEmpty ? nil : sslRootCert }
        if let options { database.options = options }
        if let retentionOverride { database.retentionOverride = retentionOverride.isEmpty ? nil : retentionOverride }
        if let retentionTimezone { database.retentionTimeZone = retentionTimezone }
    }

    static func sslMode(_ text: String) throws -> ConfiguredDatabase.SSLMode {
        guard let mode = ConfiguredDatabase.SSLMode(rawValue: text) else {
            let modes = ConfiguredDatabase.SSLMode.allCases.map(\.rawValue).joined(separator: ", ")
            throw StoreError.invalid(field: "ssl_mode", "\"\(text)\" is not one of \(modes)")
        }
        return mode
    }
}
