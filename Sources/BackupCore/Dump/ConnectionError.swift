import Foundation

/// A connection test failed; ``kind`` says why, ``description`` says it to a person.
///
/// Each kind has its own message, e.g. `cannot reach db.example.com:5432: Connection refused` or `the server
/// rejected the password of user "backup"`. ``serverMessage`` keeps libpq's own text. Neither ever contains
/// the password: it is replaced by `********` before the error is made.
public struct ConnectionError: Error, Sendable, CustomStringConvertible {
    /// Why the connection failed; compare with the static members (`error.kind == .timeout`).
    public struct Kind: Hashable, Sendable {
        private enum Code: Hashable, Sendable {
            case unreachable, timeout, passwordRejected, passwordRequired, databaseNotFound, roleNotFound
            case sslUnavailable, sslRequired, notAllowed, queryFailed, statementFailed, other
        }
        private let code: Code

        /// The host is unknown, or nothing accepts connections there (refused, no route).
        public static let unreachable = Kind(code: .unreachable)
        /// The server did not answer within the connect timeout.
        public static let timeout = Kind(code: .timeout)
        /// The server rejected the password (`password authentication failed`).
        public static let passwordRejected = Kind(code: .passwordRejected)
        /// The server asks for a password and none was given.
        public static let passwordRequired = Kind(code: .passwordRequired)
        /// The database does not exist on the server.
        public static let databaseNotFound = Kind(code: .databaseNotFound)
        /// The role does not exist on the server.
        public static let roleNotFound = Kind(code: .roleNotFound)
        /// SSL was required (`sslmode` require or stricter) but the server does not support it.
        public static let sslUnavailable = Kind(code: .sslUnavailable)
        /// The server refused a connection without SSL (its `pg_hba.conf` has only `hostssl` entries here).
        public static let sslRequired = Kind(code: .sslRequired)
        /// The server's `pg_hba.conf` has no entry for this host, user and database, with or without SSL.
        public static let notAllowed = Kind(code: .notAllowed)
        /// Connected, but reading the server's version or the database size failed.
        public static let queryFailed = Kind(code: .queryFailed)
        /// Anything else; ``serverMessage`` has libpq's text.
        /// Connected, but a statement of a ``PostgresQuery`` failed (permission, syntax, a database that exists).
        public static let statementFailed = Kind(code: .statementFailed)
        public static let other = Kind(code: .other)
    }

    /// Why the connection failed.
    public let kind: Kind
    /// `host:port` of the attempt.
    public let endpoint: String
    /// The database of the attempt.
    public let database: String
    /// The role of the attempt.
    public let user: String
    /// The SSL mode of the attempt.
    public let sslMode: ConnectionSettings.SSLMode
    /// The connect timeout of the attempt, in seconds.
    public let connectTimeoutSeconds: Int
    /// libpq's message, trimmed, with the password replaced by `********`.
    public let serverMessage: String

    package init(kind: Kind, settings: ConnectionSettings, message: String) {
        self.kind = kind
        self.endpoint = settings.endpoint
        self.database = settings.database
        self.user = settings.user
        self.sslMode = settings.sslMode
        self.connectTimeoutSeconds = settings.connectTimeoutSeconds
        self.serverMessage = settings.redacting(message.trimmingWhitespace)
    }

    public var description: String {
        switch kind {
        case .unreachable:
            "cannot reach \(endpoint): \(reason)"
        case .timeout:
            "no answer from \(endpoint) within the connect timeout of \(connectTimeoutSeconds) s"
        case .passwordRejected:
            "the server at \(endpoint) rejected the password of user \"\(user)\""
        case .passwordRequired:
            "the server at \(endpoint) asks user \"\(user)\" for a password, and none is set"
        case .databaseNotFound:
            "database \"\(database)\" does not exist on \(endpoint)"
        case .roleNotFound:
            "role \"\(user)\" does not exist on \(endpoint)"
        case .sslUnavailable:
            "sslmode is \(sslMode.rawValue), but the server at \(endpoint) does not support SSL; enable SSL on the "
                + "server or choose sslmode prefer or disable"
        case .sslRequired:
            "the server at \(endpoint) refused a connection without SSL for user \"\(user)\" and database "
                + "\"\(database)\" (no pg_hba.conf entry without encryption); choose sslmode require or stricter"
        case .notAllowed:
            "the server at \(endpoint) does not allow user \"\(user)\" to connect to database \"\(database)\" "
                + "from this host (no pg_hba.conf entry)"
        case .queryFailed:
            "connected to \(endpoint), but reading the server's version and database size failed: \(reason)"
        case .statementFailed:
            "a query on \(endpoint), database \"\(database)\", failed: \(reason)"
        default:
            "cannot connect to \(endpoint): \(reason)"
        }
    }

    /// The useful part of libpq's message: the first line, without `connection to server at …
    /// failed:` and the `FATAL:` prefix.
    var reason: String {
        var line = serverMessage.split(whereSeparator: \.isNewline).first.map(String.init) ?? serverMessage
        if line.hasPrefix("connection to server"), let marker = line.range(of: " failed: ") {
            line = String(line[marker.upperBound...])
        }
        for prefix in ["FATAL:", "ERROR:"] where line.hasPrefix(prefix) {
            line = String(line.dropFirst(prefix.count))
        }
        return line.trimmingWhitespace
    }
}
