/// The one error of BackupDump: a connection test or query, the search for a client program, or a
/// `pg_dump`, `pg_dumpall`, `pg_restore` or `psql` run failed; ``code`` says why, ``description`` says it
/// to a person.
///
/// ```
/// cannot reach db.example.com:5432: Connection refused
/// server is PostgreSQL 17; newest pg_dump here is 16; install postgresql-client-17 or set pg_dump_path
/// pg_dump failed (exit status 1): pg_dump: error: connection to server … failed: FATAL:  database "x" does not exist
/// pg_dump exceeded the maximum run time of 3600 s
/// ```
/// ``code`` is stable: its ``Code/rawValue`` never changes meaning (`Docs/ERRORS.md` lists every code and how
/// the API and `pgbm-cli` report it). The description never contains the password: libpq's text and the
/// program's stderr (its last 64 KiB) have it replaced by `********`. A connection failure carries the
/// attempt in ``connection``, a missing or old client program the requirement in ``requirement``.
public struct DumpError: Error, Sendable, CustomStringConvertible {
    /// Why it failed; compare with the static members (`error.code == .lockTimeout`).
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        /// The code as `Docs/ERRORS.md`, the API and `pgbm-cli` show it (`lock_timeout`).
        public let rawValue: String
        private init(_ rawValue: String) { self.rawValue = rawValue }

        // MARK: Connections (ConnectionTester, PostgresQuery)

        /// The host is unknown, or nothing accepts connections there (refused, no route).
        public static let unreachable = Code("unreachable")
        /// The server did not answer within the connect timeout.
        public static let timeout = Code("timeout")
        /// The server rejected the password (`password authentication failed`).
        public static let passwordRejected = Code("password_rejected")
        /// The server asks for a password and none was given.
        public static let passwordRequired = Code("password_required")
        /// The database does not exist on the server.
        public static let databaseNotFound = Code("database_not_found")
        /// The role does not exist on the server.
        public static let roleNotFound = Code("role_not_found")
        /// SSL was required (`sslmode` require or stricter) but the server does not support it.
        public static let sslUnavailable = Code("ssl_unavailable")
        /// The server refused a connection without SSL (its `pg_hba.conf` has only `hostssl` entries here).
        public static let sslRequired = Code("ssl_required")
        /// The server's `pg_hba.conf` has no entry for this host, user and database, with or without SSL.
        public static let notAllowed = Code("not_allowed")
        /// Connected, but reading the server's version or the database size failed.
        public static let queryFailed = Code("query_failed")
        /// Connected, but a statement of a ``PostgresQuery`` failed (permission, syntax, a database that exists).
        public static let statementFailed = Code("statement_failed")
        /// The connection failed for another reason; ``ConnectionAttempt/serverMessage`` has libpq's text.
        public static let connectionFailed = Code("connection_failed")

        // MARK: Client programs (ToolLocator, ToolDiscovery)

        /// No program of this kind was found at all.
        public static let notInstalled = Code("tool_not_installed")
        /// Programs of this kind are installed, but all are older than needed.
        public static let noSuitableVersion = Code("tool_too_old")

        // MARK: Runs (DumpRunner, RestoreRunner)

        /// The options, or the tool given for the job, cannot work (e.g. gzip level 12, `pg_restore` to dump).
        public static let invalidOptions = Code("invalid_options")
        /// The program could not be started.
        public static let launchFailed = Code("launch_failed")
        /// The program ended with a non-zero status or a signal; ``DumpError/standardError`` says why.
        public static let failed = Code("tool_failed")
        /// `pg_dump` gave up waiting for a table lock (`--lock-wait-timeout`).
        public static let lockTimeout = Code("lock_timeout")
        /// The run took longer than ``RunLimits/maxRunTime`` and was stopped.
        public static let maxRunTimeExceeded = Code("max_run_time_exceeded")
        /// The calling task was cancelled and the program was stopped.
        public static let cancelled = Code("cancelled")
        /// The closure consuming the output threw; ``DumpError/underlyingError`` has its error.
        public static let consumerFailed = Code("consumer_failed")
        /// The consuming closure returned before reading the output to its end.
        public static let outputNotConsumed = Code("output_not_consumed")
        /// The sequence feeding the program's input threw; ``DumpError/underlyingError`` has its error.
        public static let inputFailed = Code("input_failed")
        /// The program printed more than the output limit of a collected result.
        public static let outputTooLarge = Code("output_too_large")
        /// The temporary password file could not be written.
        public static let passwordFile = Code("password_file")

        /// Every code, in the order `Docs/ERRORS.md` lists them.
        public static let all: [Code] = [
            .unreachable, .timeout, .passwordRejected, .passwordRequired, .databaseNotFound, .roleNotFound,
            .sslUnavailable, .sslRequired, .notAllowed, .queryFailed, .statementFailed, .connectionFailed,
            .notInstalled, .noSuitableVersion,
            .invalidOptions, .launchFailed, .failed, .lockTimeout, .maxRunTimeExceeded, .cancelled,
            .consumerFailed, .outputNotConsumed, .inputFailed, .outputTooLarge, .passwordFile,
        ]

        public var description: String { rawValue }
    }

    /// Why it failed.
    public let code: Code
    /// The program, for runs and for the search for a program; `nil` for connections.
    public let tool: PostgresToolKind?
    /// The program's stderr (the last 64 KiB, password redacted), empty when it printed nothing.
    public let standardError: String
    /// How the program ended (`exited(1)`, `unhandledException(15)`), when it ran.
    public let exitStatus: String?
    /// The consumer's or input's error for ``Code/consumerFailed`` and ``Code/inputFailed``.
    public let underlyingError: (any Error)?
    /// The attempt, for the connection codes.
    public let connection: ConnectionAttempt?
    /// What was looked for, for ``Code/notInstalled`` and ``Code/noSuitableVersion``.
    public let requirement: ToolRequirement?
    /// Code-specific detail of a run: the invalid option, the launch error, the limit.
    let detail: String

    /// A run's error.
    init(
        _ code: Code, tool: PostgresToolKind, detail: String = "", standardError: String = "",
        exitStatus: String? = nil,
        underlyingError: (any Error)? = nil
    ) {
        self.init(code, tool: tool, detail: detail, standardError: standardError, exitStatus: exitStatus,
                  underlyingError: underlyingError, connection: nil, requirement: nil)
    }

    init(
        _ code: Code, tool: PostgresToolKind?, detail: String, standardError: String, exitStatus: String?,
        underlyingError: (any Error)?, connection: ConnectionAttempt?, requirement: ToolRequirement?
    ) {
        self.code = code
        self.tool = tool
        self.detail = detail
        self.standardError = standardError
        self.exitStatus = exitStatus
        self.underlyingError = underlyingError
        self.connection = connection
        self.requirement = requirement
    }

    public var description: String {
        if let connection { return connection.describe(code) }
        if let requirement { return requirement.description }
        let name = tool?.rawValue ?? "the program"
        let stderr = standardError.isEmpty ? "" : ": \(standardError)"
        switch code {
        case .invalidOptions: return "invalid \(name) options: \(detail)"
        case .launchFailed: return "cannot start \(name): \(detail)"
        case .failed: return "\(name) failed (\(exitStatus ?? "unknown status"))\(stderr)"
        case .lockTimeout: return "\(name) could not lock a table within the lock wait timeout of \(detail)\(stderr)"
        case .maxRunTimeExceeded: return "\(name) exceeded the maximum run time of \(detail)"
        case .cancelled: return "\(name) was cancelled"
        case .consumerFailed: return "processing \(name)'s output failed: \(detail)"
        case .outputNotConsumed: return "\(name)'s output was not read to its end, so \(name) was stopped"
        case .inputFailed: return "reading the input for \(name) failed: \(detail)"
        case .outputTooLarge: return "\(name) printed more than \(detail)"
        default: return "cannot write the temporary password file for \(name): \(detail)"
        }
    }
}

extension Duration {
    /// `3600 s`, `1.5 s`, `250 ms`: a duration as the error messages show it.
    var shortDescription: String {
        let (seconds, attoseconds) = components
        if attoseconds == 0 { return "\(seconds) s" }
        let milliseconds = Double(seconds) * 1000 + Double(attoseconds) / 1e15
        return milliseconds < 1000 ? "\(Int(milliseconds.rounded())) ms" : "\(milliseconds / 1000) s"
    }
}
