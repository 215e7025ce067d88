import ArgumentParser
import BackupCore
import BackupDump
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
                let (store, database) = try await target.resolve()
                let settings = try await DatabaseConnection.settings(for: database, store: store)
                do {
                    let info = try await ConnectionTester().test(settings)
                    let view = TestView(ok: true, serverVersion: info.version.text, databaseSizeBytes: info.databaseSize, ssl: info.sslInUse, error: nil)
                    try target.output.emit(view) { "connected: \(info.description)" }
                } catch let error as DumpError {
                    failed = true
                    let view = TestView(ok: false, serverVersion: nil, databaseSizeBytes: nil, ssl: nil, error: error.description)
                    try target.output.emit(view) { "connection failed: \(error.description)" }
                }
            }
            if failed { throw ExitCode(2) }
        }
    }

    struct TestView: Encodable {
        let ok: Bool
        let serverVersion: String?
        let databaseSizeBytes: Int64?
        let ssl: Bool?
        let error: String?
    }
}
