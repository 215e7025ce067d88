public import Foundation
import Subprocess

extension RestoreRunner {
    /// Restores an archive read from `archive` (custom or tar format, in order) into the database of
    /// `connection` with `pg_restore --exit-on-error`.
    ///
    /// The connection reaches `pg_restore` through its environment and a 0600 passfile, as for `pg_dump`.
    /// If `pg_restore` stops early (an error), writing stops and its status and stderr decide the error.
    ///
    /// - Parameters:
    ///   - archive: the archive's bytes, in order.
    ///   - tool: a `pg_restore` at least as new as the target server and the archive's `pg_dump`.
    ///   - connection: the target database.
    ///   - options: clean, owners, grants (``RestoreOptions/jobs`` is ignored: a stream cannot be read in parallel).
    /// - Returns: `pg_restore`'s warnings (its stderr), empty when it printed nothing.
    /// - Throws: ``DumpError``: `pg_restore` failed (with its stderr), the input threw, maximum run time, cancelled.
    public func restore<Archive: AsyncSequence>(
        _ archive: Archive, with tool: PostgresTool, into connection: ConnectionSettings, options: RestoreOptions,
        limits: RunLimits = RunLimits()
    ) async throws(DumpError) -> String where Archive.Element: DataProtocol {
        try await feed(
            archive, to: tool, expecting: .pgRestore, connection: connection,
            arguments: options.pgRestoreArguments(database: connection.database, file: nil), limits: limits)
    }

    /// Restores the archive at `file` (custom, tar or directory format) with `pg_restore`, in parallel
    /// when ``RestoreOptions/jobs`` is above 1.
    public func restore(
        file: String, with tool: PostgresTool, into connection: ConnectionSettings, options: RestoreOptions,
        limits: RunLimits = RunLimits()
    ) async throws(DumpError) -> String {
        try await feed(
            EmptyInput(), to: tool, expecting: .pgRestore, connection: connection,
            arguments: options.pgRestoreArguments(database: connection.database, file: file), limits: limits)
    }

    /// Reads a whole archive with `pg_restore --file=/dev/null`, touching no database: proves that an
    /// archive without any other integrity check (no encryption, no zstd, no manifest) is complete.
    /// - Throws: ``DumpError``: `pg_restore` failed (truncated or damaged archive, with its stderr).
    public func check<Archive: AsyncSequence>(
        _ archive: Archive, with tool: PostgresTool, limits: RunLimits = RunLimits()
    ) async throws(DumpError) where Archive.Element: DataProtocol {
        guard tool.kind == .pgRestore else {
            throw DumpError(.invalidOptions, tool: .pgRestore, detail: "expected pg_restore, got \(tool)")
        }
        _ = Self.ignoreSIGPIPE
        let process = ToolProcess(
            tool: tool, arguments: ["--file=/dev/null"], environment: ["LC_MESSAGES": "C"], limits: limits, lockWaitTimeout: nil,
            redact: { $0 }, logger: logger)
        _ = try await process.run { output, stdin in
            try await Self.pump(archive, into: stdin, draining: output, tool: .pgRestore)
        }
    }

    /// Runs a plain SQL script read from `script` with `psql` in one transaction, stopping at the first
    /// error (`-v ON_ERROR_STOP=1`), without reading any `psqlrc` (`-X`).
    ///
    /// The script is framed by `BEGIN;` and a `COMMIT;` that is written only after `script` ended without
    /// error and with `pg_dump`'s closing comment: if this process dies, the input fails or the script is
    /// cut short, `psql` sees its input end inside the transaction and the server rolls it back
    /// (`--single-transaction` would commit what arrived). Throws ``DumpError/Code/inputFailed`` for a
    /// script without the closing comment.
    public func runScript<Script: AsyncSequence>(
        _ script: Script, with tool: PostgresTool, into connection: ConnectionSettings, limits: RunLimits = RunLimits()
    ) async throws(DumpError) -> String where Script.Element: DataProtocol {
        try await feed(
            TransactionFramed(base: script), to: tool, expecting: .psql, connection: connection,
            arguments: ["-X", "-q", "-v", "ON_ERROR_STOP=1", "--dbname=\(RestoreOptions.conninfo(database: connection.database))", "-f", "-"],
            limits: limits)
    }

    /// Starts `tool` with the connection in its environment, writes `input` to its stdin, drops its
    /// stdout and returns its stderr.
    private func feed<Input: AsyncSequence>(
        _ input: Input, to tool: PostgresTool, expecting kind: PostgresToolKind, connection: ConnectionSettings,
        arguments: [String], limits: RunLimits
    ) async throws(DumpError) -> String where Input.Element: DataProtocol {
        _ = Self.ignoreSIGPIPE
        let result = try await ToolProcess.run(
            tool, expecting: kind, connection: connection, temporaryDirectory: temporaryDirectory, arguments: arguments,
            lockWaitTimeout: nil, limits: limits, logger: logger
        ) { output, stdin in
            try await Self.pump(input, into: stdin, draining: output, tool: kind)
        }
        return result.warnings
    }
}

extension RestoreRunner {
    /// Writes `input` to the program's stdin while its stdout is read and dropped; stops writing when the
    /// program closed its input (its exit status then decides).
    static func pump<Input: AsyncSequence>(
        _ input: Input, into stdin: StandardInputWriter, draining output: DumpOutput, tool: PostgresToolKind
    ) async throws where Input.Element: DataProtocol {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { for try await _ in output {} }
            do {
                for try await block in input {
                    let data = block as? Data ?? Data(block)
                    guard (try? await stdin.write(data)) != nil else { break }
                }
            } catch {
                if Task.isCancelled { throw CancellationError() }
                throw DumpError(.inputFailed, tool: tool, detail: "\(error)", underlyingError: error)
            }
            try? await stdin.finish()
            try await group.waitForAll()
        }
    }
}

/// No input: `pg_restore` reads its archive from a file.
private struct EmptyInput: AsyncSequence {
    typealias Element = Data
    struct AsyncIterator: AsyncIteratorProtocol {
        mutating func next() async throws -> Data? { nil }
    }
    func makeAsyncIterator() -> AsyncIterator { AsyncIterator() }
}

/// `BEGIN;`, the script's blocks, and `COMMIT;` only once the script ended without an error and with
/// `pg_dump`'s closing comment (`-- PostgreSQL database dump complete`, followed at most by an
/// `\unrestrict` line): a script cut at a statement boundary would otherwise commit half a database.
private struct TransactionFramed<Base: AsyncSequence>: AsyncSequence where Base.Element: DataProtocol {
    typealias Element = Data
    let base: Base

    static var trailer: Data { Data("PostgreSQL database dump complete".utf8) }

    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(base: base.makeAsyncIterator()) }

    struct AsyncIterator: AsyncIteratorProtocol {
        var base: Base.AsyncIterator
        var stage = 0
        var tail = Data()

        mutating func next() async throws -> Data? {
            switch stage {
            case 0:
                stage = 1
                return Data("BEGIN;\n".utf8)
            case 1:
                if let block = try await base.next() {
                    let data = block as? Data ?? Data(block)
                    tail = (tail + data.suffix(1024)).suffix(1024)
                    return data
                }
                stage = 2
                guard tail.range(of: TransactionFramed.trailer) != nil else { throw IncompleteScript() }
                return Data("\nCOMMIT;\n".utf8)
            default:
                return nil
            }
        }
    }
}

/// The script does not end with `pg_dump`'s closing comment.
struct IncompleteScript: Error, CustomStringConvertible {
    var description: String {
        "the SQL script does not end with pg_dump's closing line (\"-- PostgreSQL database dump complete\"): it is truncated, so nothing was committed"
    }
}

extension RestoreRunner {
    /// Removes the passfile folders (`pgbm-pass-<pid>-…`) that processes which no longer exist left in
    /// `directory`: after a `kill -9`, before anything else is started there.
    public static func removeStalePasswordFiles(in directory: String) {
        ChildEnvironment.removeStaleFolders(in: directory)
    }
}
