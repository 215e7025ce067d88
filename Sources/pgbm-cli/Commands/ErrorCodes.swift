import ArgumentParser
import BackupCore

extension Pgbm {
    struct ErrorCodes: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "error-codes",
            abstract: "List every library error code with the exit code pgbm-cli ends with for it (Docs/ERRORS.md).")

        func run() async throws {
            for code in ErrorCode.all {
                print("\(code)\t\(ExitCodes.exitCode(for: code))")
            }
        }
    }
}
