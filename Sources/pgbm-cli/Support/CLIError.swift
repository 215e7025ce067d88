import BackupCore
import Foundation

/// Turns library errors into a message on standard error and a distinct exit code.
enum CLIError {
    /// Runs `body`; a library error is printed and becomes its exit code (``ExitCodes``), a ``CLIFailure``
    /// its own; anything else is rethrown.
    static func reporting(_ body: () async throws -> Void) async throws {
        do {
            try await body()
        } catch let error as CLIFailure {
            fail(error.message, code: error.code)
        } catch {
            guard let report = ErrorReport(error) else { throw error }
            // Storage failures name their code, so a script's log tells bad credentials from a missing bucket.
            let message = report.code.target == .storage ? "\(report.message) [\(report.code.code)]" : report.message
            fail(message, code: ExitCodes.exitCode(for: report.code))
        }
    }

    static func fail(_ message: String, code: Int32) -> Never {
        FileHandle.standardError.write(Data("pgbm-cli: error: \(message)\n".utf8))
        exit(code)
    }
}
