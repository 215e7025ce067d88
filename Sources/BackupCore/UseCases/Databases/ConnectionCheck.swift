import BackupDump

/// The outcome of a connection test: what the server reported, or why the connection failed.
///
/// A failed connection is a result, not an error: the test ran, and ``failure`` says why.
public struct ConnectionCheck: Sendable, Equatable {
    /// Why a connection failed: a stable code (`unreachable`, `timeout`, `password_rejected`, …) and a
    /// message that names the host and user but never the password.
    public struct Failure: Sendable, Equatable {
        /// The stable code.
        public let code: String
        /// What happened, for a person.
        public let message: String
    }

    /// The server's version text (`15.18 (Debian 15.18-0+deb12u1)`); `nil` when the connection failed.
    public let serverVersion: String?
    /// The major version (`15`), which chooses the client tools.
    public let serverMajorVersion: Int?
    /// The database's size in bytes.
    public let databaseSizeBytes: Int64?
    /// Whether the connection uses SSL.
    public let ssl: Bool?
    /// Why it failed, or `nil` when it connected.
    public let failure: Failure?
    /// A one-line summary of the server (`PostgreSQL 15.18, 7.6 MB, SSL off`) when it connected.
    public let summary: String?

    /// Whether the connection succeeded.
    public var ok: Bool { failure == nil }

    init(_ info: ServerInfo) {
        serverVersion = info.version.text
        serverMajorVersion = info.version.major
        databaseSizeBytes = info.databaseSize
        ssl = info.sslInUse
        failure = nil
        summary = info.description
    }

    init(_ error: DumpError) {
        serverVersion = nil
        serverMajorVersion = nil
        databaseSizeBytes = nil
        ssl = nil
        failure = Failure(code: Self.code(of: error.code), message: error.description)
        summary = nil
    }

    /// `DumpError`'s code, except `other` for `DumpError/Code/connectionFailed` (this field's value since
    /// before the codes were unified).
    static func code(of code: DumpError.Code) -> String { code == .connectionFailed ? "other" : code.rawValue }
}
