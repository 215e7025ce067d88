import BackupCore
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

    /// The request for `source`; the fields are checked by ``RestoreJobService/check(_:)`` (in BackupCore,
    /// for the API and `pgbm-cli` alike).
    /// - Throws: ``APIError`` 422 naming `target` or `target.connection.ssl_mode`.
    func request(source: RestoreSource) throws -> RestoreRequest {
        RestoreRequest(
            source: source, target: try restoreTarget(), clean: clean ?? false, ifExists: ifExists ?? true,
            noOwner: noOwner ?? false, noPrivileges: noPrivileges ?? false, jobs: jobs ?? 1,
            passphrase: passphrase.flatMap { $0.isEmpty ? nil : $0 }, countRows: countRows ?? false)
    }

    private func restoreTarget() throws -> RestoreTarget {
        guard let target else { throw APIError.invalid(field: "target", "is required") }
        switch (target.databaseId, target.connection) {
        case (let id?, nil):
            return RestoreTarget(server: .configured(databaseId: id), database: database, create: create ?? false)
        case (nil, let connection?):
            return RestoreTarget(
                server: try connection.server(), database: database, create: create ?? false)
        default:
            throw APIError.invalid(field: "target", "must give either database_id or connection")
        }
    }
}

extension RestoreInput.Connection {
    /// The server these fields name; an unknown `ssl_mode` is a 422 naming `target.connection.ssl_mode`
    /// (the other fields are checked by ``RestoreJobService/check(_:)``).
    func server() throws -> RestoreTarget.Server {
        guard
            let server = RestoreTarget.Server.connection(
                host: host, port: port ?? 5432, database: database, user: user, sslMode: sslMode,
                sslRootCertificate: sslRootCertificate.flatMap { $0.isEmpty ? nil : $0 },
                password: password.flatMap { $0.isEmpty ? nil : $0 })
        else {
            throw APIError.invalid(
                field: "target.connection.ssl_mode", "must be one of \(RestoreTarget.Server.sslModes.joined(separator: ", "))")
        }
        return server
    }
}
