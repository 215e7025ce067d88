import Foundation

extension DumpError {
    /// The connection attempt a connection failure is about.
    ///
    /// Each code has its own message, e.g. `cannot reach db.example.com:5432: Connection refused` or `the
    /// server rejected the password of user "backup"`. ``serverMessage`` keeps libpq's own text. Neither ever
    /// contains the password: it is replaced by `********` before the error is made.
    public struct ConnectionAttempt: Sendable {
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

        func describe(_ code: Code) -> String {
            switch code {
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

    /// A connection failure of the attempt with `settings`; `message` is libpq's text (the password in it
    /// is replaced).
    package init(connection code: Code, settings: ConnectionSettings, message: String) {
        let attempt = ConnectionAttempt(
            endpoint: settings.endpoint, database: settings.database, user: settings.user, sslMode: settings.sslMode,
            connectTimeoutSeconds: settings.connectTimeoutSeconds,
            serverMessage: settings.redacting(message.trimmingWhitespace))
        self.init(
            code, tool: nil, detail: "", standardError: "", exitStatus: nil, underlyingError: nil, connection: attempt,
            requirement: nil)
    }
}
