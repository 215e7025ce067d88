import ArgumentParser
import BackupAPI
import Logging
import PgbmOptions

@main
struct PgbmServer: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pgbm-server",
        abstract: "pgbm's HTTP API and scheduler.",
        discussion: """
            Opens the configuration store, cleans up after an interrupted run, then serves the API and runs \
            scheduled backups until SIGTERM or SIGINT, which stop it gracefully (exit code 0).
            """,
        version: BackupAPI.version
    )

    @OptionGroup var shared: SharedOptions
    @OptionGroup var server: ServerOptions

    func run() async throws {
        let level = try shared.resolvedLogLevel()
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        let api = APIConfiguration(host: server.resolvedHost, port: try server.resolvedPort())
        let runtime = ServerRuntime(
            dataDirectory: shared.resolvedDataDir, backupDirectory: shared.resolvedBackupDir, api: api,
            shutdownGrace: try server.resolvedShutdownGrace(), logger: Logger(label: "pgbm.server"))
        try await runtime.run()
    }
}
