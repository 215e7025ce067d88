import BackupRepository
import Foundation

/// The body of `POST /api/config/databases` and `PUT /api/config/databases/{id}`.
///
/// `PUT` replaces the connection settings (absent optional fields take their defaults) but keeps the
/// stored password when `password` is absent, `null` or empty, and keeps the retention override.
struct DatabaseInput: Decodable, Sendable {
    let name: String
    let host: String
    let port: Int?
    let database: String
    let user: String
    /// Write-only; never returned.
    let password: String?
    /// `disable`, `prefer` (default), `require` or `verify-full`.
    let sslMode: String?
    /// PEM file of the CA, required with `verify-full`.
    let sslRootCertificate: String?
    let options: String?
    let retentionTimeZone: String?

    /// The password to store; `nil` when none was given.
    var secret: Secret? {
        guard let password, !password.isEmpty else { return nil }
        return Secret(password)
    }

    /// The database these fields describe; an unknown `ssl_mode` is a 422 naming it.
    func makeDatabase() throws(APIError) -> ConfiguredDatabase {
        let mode: ConfiguredDatabase.SSLMode
        if let sslMode {
            guard let parsed = ConfiguredDatabase.SSLMode(rawValue: sslMode) else {
                let allowed = ConfiguredDatabase.SSLMode.allCases.map(\.rawValue).joined(separator: ", ")
                throw .invalid(field: "ssl_mode", "must be one of \(allowed), got \(TextRule.quote(sslMode))")
            }
            mode = parsed
        } else {
            mode = .prefer
        }
        return ConfiguredDatabase(
            name: name, host: host, port: port ?? 5432, database: database, user: user, sslMode: mode,
            sslRootCertificate: sslRootCertificate.flatMap { $0.isEmpty ? nil : $0 }, options: options ?? "",
            retentionTimeZone: retentionTimeZone ?? "UTC")
    }
}
