import Foundation
import Logging
import Subprocess

extension ToolProcess {
    /// Runs `tool`, which must be a `kind`, against `connection`: the connection in its environment and
    /// the password in a passfile made in `temporaryDirectory` and removed afterwards; the password is
    /// redacted from its stderr.
    static func run<T: Sendable>(
        _ tool: PostgresTool, expecting kind: PostgresToolKind, connection: ConnectionSettings, temporaryDirectory: String,
        arguments: [String], lockWaitTimeout: Duration?, limits: RunLimits, logger: Logger?,
        body: (DumpOutput, StandardInputWriter) async throws -> T
    ) async throws(DumpError) -> DumpResult<T> {
        guard tool.kind == kind else {
            throw DumpError(.invalidOptions, tool: kind, detail: "expected \(kind.rawValue), got \(tool)")
        }
        let environment: ChildEnvironment
        do {
            environment = try ChildEnvironment(settings: connection, temporaryDirectory: temporaryDirectory)
        } catch {
            throw DumpError(.passwordFile, tool: kind, detail: error.description)
        }
        defer { environment.remove() }
        let process = ToolProcess(
            tool: tool, arguments: arguments, environment: environment.variables, limits: limits,
            lockWaitTimeout: lockWaitTimeout, redact: { connection.redacting($0) }, logger: logger)
        return try await process.run(body)
    }
}
