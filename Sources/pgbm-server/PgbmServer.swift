import ArgumentParser
import BackupAPI
import BackupCore
import Foundation
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
        // Files and folders the server creates are its own user's only (Docs/SECURITY.md, "Files and folders").
        FileCreationMask.apply()
        let level = try shared.resolvedLogLevel()
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        let environment = ProcessInfo.processInfo.environment
        var api = APIConfiguration(host: server.resolvedHost, port: try server.resolvedPort())
        api.baseURL = environment["PGBM_BASE_URL"].flatMap { $0.isEmpty ? nil : $0 }
        api.trustForwardedFor = ["1", "true"].contains(environment["PGBM_TRUST_FORWARDED_FOR"] ?? "")
        var configuration = BackupManager.Configuration(
            dataDirectory: shared.resolvedDataDir, backupDirectory: shared.resolvedBackupDir, environment: environment, role: .server)
        configuration.publicBaseURL = api.baseURL
        configuration.shutdownGrace = try server.resolvedShutdownGrace()
        try await ServerRuntime(configuration: configuration, api: api, logger: Logger(label: "pgbm.server")).run()
    }
}
