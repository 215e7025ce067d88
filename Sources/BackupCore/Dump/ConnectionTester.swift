public import Logging
public import NIOPosix

/// Tests a connection through libpq: connects, reads the server version, the database size and whether
/// SSL is in use, and disconnects.
///
/// libpq blocks, so each test runs on a thread of an `NIOThreadPool`, never on Swift's cooperative pool;
/// the connect timeout (``ConnectionSettings/connectTimeout``) bounds how long it can take. Cancelling the
/// calling task before the work starts skips it; once started, it runs to its end or the timeout.
///
/// ```swift
/// let info = try await ConnectionTester().test(settings)
/// print(info)   // PostgreSQL 16.2, 7.4 MiB, no SSL
/// ```
public struct ConnectionTester: Sendable {
    private let threadPool: NIOThreadPool

    /// A tester using `threadPool` for the blocking libpq calls.
    public init(threadPool: NIOThreadPool = .singleton) {
        self.threadPool = threadPool
    }

    /// Connects with `settings` and reports what the server said.
    ///
    /// - Parameters:
    ///   - settings: where and how to connect; `application_name` is sent as given (`pgbm` by default).
    ///   - logger: receives a `debug` line per test, with the endpoint and the outcome.
    /// - Throws: ``DumpError``, one ``DumpError/Code`` per cause, never containing the password.
    public func test(_ settings: ConnectionSettings, logger: Logger? = nil) async throws(DumpError) -> ServerInfo
    {
        let outcome: Result<ServerInfo, DumpError>
        do {
            outcome = try await threadPool.runIfActive { Self.connect(settings) }
        } catch {
            outcome = .failure(
                DumpError(connection: .connectionFailed, settings: settings, message: "the connection test did not run: \(error)"))
        }
        switch outcome {
        case .success(let info):
            logger?.debug(
                "Connection test succeeded",
                metadata: ["pgbm.db.endpoint": "\(settings.endpoint)", "pgbm.db.server": "\(info.version)"])
            return info
        case .failure(let error):
            logger?.debug(
                "Connection test failed",
                metadata: ["pgbm.db.endpoint": "\(settings.endpoint)", "pgbm.error": "\(error)"])
            throw error
        }
    }

    /// The libpq keywords and values for `settings`; `expand_dbname` stays 0, so the database name is
    /// never parsed as a connection string.
    package static func parameters(_ settings: ConnectionSettings) -> [(String, String)] {
        var parameters: [(String, String)] = [
            ("host", settings.host),
            ("port", String(settings.port)),
            ("dbname", settings.database),
            ("user", settings.user),
            ("sslmode", settings.sslMode.rawValue),
            ("connect_timeout", String(settings.connectTimeoutSeconds)),
            ("application_name", settings.applicationName),
        ]
        if let password = settings.password { parameters.append(("password", password)) }
        if let root = settings.sslRootCertificate { parameters.append(("sslrootcert", root)) }
        if let options = settings.options, !options.isEmpty { parameters.append(("options", options)) }
        return parameters
    }

    /// The blocking part: runs on a thread-pool thread.
    private static func connect(_ settings: ConnectionSettings) -> Result<ServerInfo, DumpError> {
        let session: LibPQSession
        switch LibPQSession.open(settings) {
        case .success(let opened): session = opened
        case .failure(let error): return .failure(error)
        }
        let (version, sslInUse) = (session.serverVersion, session.sslInUse)
        let size = session.query("SELECT pg_database_size(current_database())").mapError {
            DumpError(connection: .queryFailed, settings: settings, message: $0.connection?.serverMessage ?? "")
        }
        return size.flatMap { rows in
            guard let text = rows.first?.first ?? nil, let bytes = Int64(text) else {
                return .failure(DumpError(connection: .queryFailed, settings: settings, message: "no database size"))
            }
            return .success(ServerInfo(version: version, databaseSize: bytes, sslInUse: sslInUse))
        }
    }
}
