import Foundation

/// Where and how to connect to a PostgreSQL database: the fields of a configured database.
///
/// The same settings drive the in-process connection test (libpq keywords) and the child processes
/// (`PGHOST`, `PGPORT`, … in their environment; the password through a 0600 passfile). The password never
/// appears in ``description``, in errors, or in a child's arguments.
///
/// ```swift
/// var settings = ConnectionSettings(host: "db.example.com", database: "app", user: "backup")
/// settings.password = secret
/// settings.sslMode = .verifyFull
/// settings.sslRootCertificate = "/etc/pgbm/ca.pem"
/// ```
public struct ConnectionSettings: Sendable, Hashable {
    /// Host name, IP address, or a Unix-socket folder (starting with `/`).
    public var host: String
    /// TCP port (or the socket file's number).
    public var port: Int
    /// The database to connect to; used as is, never parsed as a connection string.
    public var database: String
    /// The role to connect as.
    public var user: String
    /// The role's password, `nil` for none (trust, peer, certificates, or the user's own `~/.pgpass`).
    public var password: String?
    /// libpq's `sslmode`.
    public var sslMode: SSLMode
    /// A CA certificate file for `verify-ca` / `verify-full` (libpq's `sslrootcert`).
    public var sslRootCertificate: String?
    /// Server options (libpq's `options`, e.g. `-c statement_timeout=0`).
    public var options: String?
    /// How long connecting may take (libpq's `connect_timeout`, in whole seconds, at least 2).
    public var connectTimeout: Duration
    /// The name the server shows in `pg_stat_activity` (libpq's `application_name`).
    public var applicationName: String

    /// libpq's SSL modes.
    public enum SSLMode: String, Sendable, Hashable, CaseIterable {
        /// Never use SSL.
        case disable
        /// Try without SSL, then with it.
        case allow
        /// Try SSL, then without it (libpq's default).
        case prefer
        /// SSL, without checking the certificate.
        case require
        /// SSL, with a certificate signed by a trusted CA.
        case verifyCA = "verify-ca"
        /// SSL, with a trusted certificate whose name matches the host.
        case verifyFull = "verify-full"
    }

    /// Settings with libpq's defaults for what is not given.
    public init(
        host: String = "127.0.0.1",
        port: Int = 5432,
        database: String,
        user: String,
        password: String? = nil,
        sslMode: SSLMode = .prefer,
        sslRootCertificate: String? = nil,
        options: String? = nil,
        connectTimeout: Duration = .seconds(10),
        applicationName: String = "pgbm"
    ) {
        self.host = host
        self.port = port
        self.database = database
        self.user = user
        self.password = password
        self.sslMode = sslMode
        self.sslRootCertificate = sslRootCertificate
        self.options = options
        self.connectTimeout = connectTimeout
        self.applicationName = applicationName
    }

    /// `connect_timeout` in whole seconds, rounded up, at least 2 (libpq waits at least 2 s anyway).
    var connectTimeoutSeconds: Int {
        max(2, Int(connectTimeout.components.seconds) + (connectTimeout.components.attoseconds > 0 ? 1 : 0))
    }

    /// `host:port` (or the socket folder and port), for messages.
    public var endpoint: String { host.hasPrefix("/") ? "\(host) (port \(port))" : "\(host):\(port)" }

    /// `text` with every occurrence of the password replaced by `********`.
    func redacting(_ text: String) -> String {
        guard let password, !password.isEmpty else { return text }
        return text.replacingOccurrences(of: password, with: "********")
    }
}

extension ConnectionSettings: CustomStringConvertible {
    /// `user@host:port/database (sslmode=prefer)`, never the password.
    public var description: String {
        "\(user)@\(endpoint)/\(database) (sslmode=\(sslMode.rawValue)\(password == nil ? "" : ", password set"))"
    }
}
