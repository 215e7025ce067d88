import BackupDump
import Hummingbird

/// `POST /api/config/databases/{id}/test`: what the server reported, or why the connection failed.
///
/// A failed connection is still a `200`: the test ran, and `ok` is `false` with `error.code` saying why
/// (`unreachable`, `timeout`, `password_rejected`, …).
struct ConnectionTestResponse: ResponseEncodable, Sendable {
    /// Why a connection failed.
    struct Failure: Encodable, Sendable {
        let code: String
        let message: String
    }

    let ok: Bool
    /// `15.18 (Debian 15.18-0+deb12u1)`.
    let serverVersion: String?
    /// The major version (`15`), which chooses the client tools.
    let serverMajorVersion: Int?
    let databaseSizeBytes: Int64?
    let ssl: Bool?
    let error: Failure?

    init(_ info: ServerInfo) {
        ok = true
        serverVersion = info.version.text
        serverMajorVersion = info.version.major
        databaseSizeBytes = info.databaseSize
        ssl = info.sslInUse
        error = nil
    }

    init(_ failure: ConnectionError) {
        ok = false
        serverVersion = nil
        serverMajorVersion = nil
        databaseSizeBytes = nil
        ssl = nil
        error = Failure(code: Self.code(of: failure.kind), message: failure.description)
    }

    static let codes: [ConnectionError.Kind: String] = [
        .unreachable: "unreachable", .timeout: "timeout", .passwordRejected: "password_rejected",
        .passwordRequired: "password_required", .databaseNotFound: "database_not_found", .roleNotFound: "role_not_found",
        .sslUnavailable: "ssl_unavailable", .sslRequired: "ssl_required", .notAllowed: "not_allowed",
        .queryFailed: "query_failed", .statementFailed: "statement_failed", .other: "other",
    ]

    static func code(of kind: ConnectionError.Kind) -> String { codes[kind] ?? "other" }
}
