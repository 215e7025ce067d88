import BackupCore
import BackupDump
import BackupRepository
import Foundation

/// The body of `POST /api/restore/from-s3`, `from-local` and `from-upload`: the source (`key`, `file`
/// or `upload_id`), the target and the options. The connection password and the passphrase are used by
/// the job only: never stored, returned, logged or audited.
struct RestoreInput: Decodable, Sendable {
    /// `{"database_id": 3}` or `{"connection": {...}}`.
    struct Target: Decodable, Sendable {
        let databaseId: Int64?
        let connection: Connection?
    }

    /// An ad-hoc PostgreSQL server.
    struct Connection: Decodable, Sendable {
        let host: String
        let port: Int?
        let user: String
        /// Write-only.
        let password: String?
        let database: String
        /// `disable`, `allow`, `prefer` (default), `require`, `verify-ca`, `verify-full`.
        let sslMode: String?
        let sslRootCertificate: String?
    }

    let key: String?
    let file: String?
    let uploadId: String?
    let target: Target?
    /// Restore into this database instead of the target's own.
    let database: String?
    let create: Bool?
    let clean: Bool?
    let ifExists: Bool?
    let noOwner: Bool?
    let noPrivileges: Bool?
    let jobs: Int?
    let countRows: Bool?
    /// Write-only.
    let passphrase: String?

    /// The largest `jobs`.
    static let maximumJobs = 16

    /// The request for `source`, once every field is checked.
    /// - Throws: ``APIError`` 422 naming the field (`target.connection.host`, `jobs`, …).
    func request(source: RestoreSource) throws -> RestoreRequest {
        let jobs = jobs ?? 1
        guard (1...Self.maximumJobs).contains(jobs) else {
            throw APIError.invalid(field: "jobs", "must be between 1 and \(Self.maximumJobs), got \(jobs)")
        }
        if let database {
            guard !database.isEmpty, database.utf8.count <= 63, !database.contains("\0") else {
                throw APIError.invalid(field: "database", "must be a database name of 1 to 63 bytes")
            }
        }
        let options = RestoreOptions(
            clean: clean ?? false, ifExists: ifExists ?? true, noOwner: noOwner ?? false,
            noPrivileges: noPrivileges ?? false, jobs: jobs)
        return RestoreRequest(
            source: source, target: try restoreTarget(), options: options,
            passphrase: passphrase.flatMap { $0.isEmpty ? nil : $0 }, countRows: countRows ?? false)
    }

    private func restoreTarget() throws -> RestoreTarget {
        guard let target else { throw APIError.invalid(field: "target", "is required") }
        switch (target.databaseId, target.connection) {
        case (let id?, nil):
            return RestoreTarget(server: .configured(databaseId: id), database: database, create: create ?? false)
        case (nil, let connection?):
            return RestoreTarget(
                server: .connection(try connection.settings()), database: database, create: create ?? false)
        default:
            throw APIError.invalid(field: "target", "must give either database_id or connection")
        }
    }
}

extension RestoreInput.Connection {
    /// The connection settings; each bad field is a 422 naming `target.connection.<field>`.
    func settings() throws -> ConnectionSettings {
        let field = "target.connection."
        guard !host.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw APIError.invalid(field: field + "host", "must not be empty")
        }
        guard !user.isEmpty else { throw APIError.invalid(field: field + "user", "must not be empty") }
        guard !database.isEmpty else { throw APIError.invalid(field: field + "database", "must not be empty") }
        let port = port ?? 5432
        guard (1...65535).contains(port) else {
            throw APIError.invalid(field: field + "port", "must be between 1 and 65535, got \(port)")
        }
        var settings = ConnectionSettings(host: host, port: port, database: database, user: user)
        if let sslMode {
            guard let mode = ConnectionSettings.SSLMode(rawValue: sslMode) else {
                throw APIError.invalid(
                    field: field + "ssl_mode", "must be one of disable, allow, prefer, require, verify-ca, verify-full")
            }
            settings.sslMode = mode
        }
        settings.sslRootCertificate = sslRootCertificate.flatMap { $0.isEmpty ? nil : $0 }
        settings.password = password.flatMap { $0.isEmpty ? nil : $0 }
        return settings
    }
}
