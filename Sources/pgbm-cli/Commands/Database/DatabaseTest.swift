import ArgumentParser
import BackupCore
import BackupAPIModels
import BackupRepository

extension Pgbm.DatabaseCommand {
    /// `db test <ref>`: connects with the stored settings and reports the server.
    struct Test: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Connect to a database with its stored settings: server version, size, SSL; or the exact error.",
            discussion: "Exit codes: 0 connected, 2 the connection failed (the message says why), 64 bad reference.")

        @OptionGroup var target: DatabaseTarget

        func run() async throws {
            var failed = false
            try await CLIError.reporting {
                let check = try await target.withDatabase { manager, database in
                    try await manager.databases.testConnection(database.id ?? 0)
                }
                failed = !check.ok
                try target.output.emit(ConnectionTestResponse(check)) {
                    check.failure.map { "connection failed: \($0.message)" } ?? "connected: \(check.summary ?? "")"
                }
            }
            if failed { throw ExitCode(2) }
        }
    }
}
