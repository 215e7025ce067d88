import Foundation
public import Logging
import Subprocess

/// Runs `pg_dump` and `pg_dumpall --globals-only` against one database and streams their output.
///
/// Connection details reach the program through its environment (`PGHOST`, `PGPORT`, `PGUSER`,
/// `PGDATABASE`, `PGSSLMODE`, `PGSSLROOTCERT`, `PGAPPNAME`, …) and the password through a 0600 passfile
/// (`PGPASSFILE`) made for the run and deleted after it — never through arguments, so `ps` shows no
/// secret. The output is handed to `body` block by block as the program writes it; nothing is collected.
///
/// ```swift
/// let runner = DumpRunner(connection: settings, logger: logger)
/// let pgDump = try await ToolLocator().tool(.pgDump, forServerMajor: info.version.major)
/// let result = try await runner.dump(with: pgDump) { output in
///     for try await block in output { try await sink.write(block) }
/// }
/// print(result.byteCount, result.duration)
/// ```
///
/// Cancelling the calling task stops the program (SIGTERM, SIGKILL after ``RunLimits/terminationGrace``)
/// and the call throws ``DumpError/Code/cancelled``.
public struct DumpRunner: Sendable {
    /// The database dumped.
    public let connection: ConnectionSettings
    /// Where the passfile's private folder is made.
    public let temporaryDirectory: String
    private let logger: Logger?

    /// A runner for one database.
    ///
    /// - Parameters:
    ///   - connection: where and how to connect.
    ///   - temporaryDirectory: the folder for the short-lived passfile (the system's temporary folder).
    ///   - logger: receives `debug` lines for start, end and failure of each run; never a secret.
    public init(connection: ConnectionSettings, temporaryDirectory: String? = nil, logger: Logger? = nil) {
        self.connection = connection
        self.temporaryDirectory = temporaryDirectory ?? FileManager.default.temporaryDirectory.path
        self.logger = logger
    }

    /// Runs `pg_dump` with `options` and hands its output to `body`, which must read it to the end.
    ///
    /// - Parameters:
    ///   - tool: a `pg_dump` from ``ToolLocator``.
    ///   - options: format, compression, filters, lock-wait timeout and limits.
    ///   - body: consumes the output; for ``DumpOptions/Format/directory(path:)`` the output is empty.
    /// - Returns: `body`'s value, the byte count, the duration and `pg_dump`'s warnings.
    /// - Throws: ``DumpError``: `pg_dump` failed (with its stderr), lock timeout, maximum run time,
    ///   cancelled, or `body` threw (``DumpError/Code/consumerFailed``).
    public func dump<T: Sendable>(
        with tool: PostgresTool,
        options: DumpOptions = DumpOptions(),
        into body: (DumpOutput) async throws -> T
    ) async throws(DumpError) -> DumpResult<T> {
        let arguments: [String]
        do {
            arguments = try options.arguments()
        } catch {
            throw DumpError(.invalidOptions, tool: .pgDump, detail: error.message)
        }
        return try await run(
            tool, expecting: .pgDump, arguments: arguments, lockWaitTimeout: options.lockWaitTimeout,
            limits: options.limits, body: body)
    }

    /// Runs `pg_dumpall --globals-only` (roles, tablespaces, their settings and grants) and hands its SQL
    /// output to `body`, which must read it to the end.
    ///
    /// - Parameters:
    ///   - tool: a `pg_dumpall` from ``ToolLocator``.
    ///   - options: role passwords, lock-wait timeout and limits.
    ///   - body: consumes the SQL script.
    /// - Throws: ``DumpError``, as for ``dump(with:options:into:)``.
    public func dumpGlobals<T: Sendable>(
        with tool: PostgresTool,
        options: GlobalsDumpOptions = GlobalsDumpOptions(),
        into body: (DumpOutput) async throws -> T
    ) async throws(DumpError) -> DumpResult<T> {
        let arguments: [String]
        do {
            arguments = try options.arguments(database: connection.database)
        } catch {
            throw DumpError(.invalidOptions, tool: .pgDumpall, detail: error.message)
        }
        return try await run(
            tool, expecting: .pgDumpall, arguments: arguments, lockWaitTimeout: options.lockWaitTimeout,
            limits: options.limits, body: body)
    }

    private func run<T: Sendable>(
        _ tool: PostgresTool, expecting kind: PostgresToolKind, arguments: [String], lockWaitTimeout: Duration?,
        limits: RunLimits, body: (DumpOutput) async throws -> T
    ) async throws(DumpError) -> DumpResult<T> {
        return try await ToolProcess.run(
            tool, expecting: kind, connection: connection, temporaryDirectory: temporaryDirectory, arguments: arguments,
            lockWaitTimeout: lockWaitTimeout, limits: limits, logger: logger
        ) { output, input in
            try? await input.finish()  // pg_dump and pg_dumpall read nothing
            return try await body(output)
        }
    }
}
