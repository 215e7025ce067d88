import ArgumentParser
import BackupAPI
import Logging
import PgbmOptions

@main
struct PgbmServer: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pgbm-server",
        abstract: "pgbm's HTTP API, web UI and scheduler.",
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
        let port = try server.resolvedPort()
        let logger = Logger(label: "pgbm.server")
        logger.notice(
            "pgbm-server started; the HTTP API is not built yet, exiting",
            metadata: [
                "pgbm.version": "\(BackupAPI.version)",
                "pgbm.data_dir": "\(shared.resolvedDataDir)",
                "pgbm.backup_dir": "\(shared.resolvedBackupDir)",
                "pgbm.listen": "\(server.resolvedHost):\(port)",
            ])
        print("pgbm-server \(BackupAPI.version)")
    }
}
