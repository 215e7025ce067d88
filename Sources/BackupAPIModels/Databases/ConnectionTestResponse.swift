public import BackupCore

/// `POST /api/config/databases/{id}/test` and `pgbm-cli db test --json`: what the server reported, or why
/// the connection failed.
///
/// A failed connection is still a `200`: the test ran, and `ok` is `false` with `error.code` saying why
/// (`unreachable`, `timeout`, `password_rejected`, …).
public struct ConnectionTestResponse: Codable, Sendable, Equatable {
    /// Why a connection failed.
    public struct Failure: Codable, Sendable, Equatable {
        /// The stable code (`unreachable`, `password_rejected`, …).
        public let code: String
        /// What happened; names the host and user, never the password.
        public let message: String

        /// Creates a failure.
        public init(code: String, message: String) {
            self.code = code
            self.message = message
        }
    }

    /// Whether the connection succeeded.
    public let ok: Bool
    /// `15.18 (Debian 15.18-0+deb12u1)`.
    public let serverVersion: String?
    /// The major version (`15`), which chooses the client tools.
    public let serverMajorVersion: Int?
    /// The database's size in bytes.
    public let databaseSizeBytes: Int64?
    /// Whether the connection uses SSL.
    public let ssl: Bool?
    /// Why it failed.
    public let error: Failure?

    /// The response for a connection test's outcome.
    public init(_ check: ConnectionCheck) {
        ok = check.ok
        serverVersion = check.serverVersion
        serverMajorVersion = check.serverMajorVersion
        databaseSizeBytes = check.databaseSizeBytes
        ssl = check.ssl
        error = check.failure.map { Failure(code: $0.code, message: $0.message) }
    }
}
