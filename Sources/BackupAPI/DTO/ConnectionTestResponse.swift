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

    init(_ failure: DumpError) {
        ok = false
        serverVersion = nil
        serverMajorVersion = nil
        databaseSizeBytes = nil
        ssl = nil
        error = Failure(code: Self.code(of: failure.code), message: failure.description)
    }

    /// The connection-test code: ``DumpError``'s, except `other` for ``DumpError/Code/connectionFailed`` (the
    /// field's value before the codes were unified).
    static func code(of code: DumpError.Code) -> String { code == .connectionFailed ? "other" : code.rawValue }
}
