import ArgumentParser
import BackupAPI
import BackupCore
import Foundation
import Logging
import PgbmOptions

#if canImport(Glibc)
import Glibc
#endif

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
    @OptionGroup var http: HTTPServerOptions

    func run() async throws {
        // Files and folders the server creates are its own user's only (Docs/SECURITY.md, "Files and folders").
        FileCreationMask.apply()
        let environment = ProcessInfo.processInfo.environment
        MemoryTrimmer.limitArenas(environment: environment)
        let level = try shared.resolvedLogLevel()
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        var api = APIConfiguration(host: server.resolvedHost, port: try server.resolvedPort())
        api.baseURL = environment["PGBM_BASE_URL"].flatMap { $0.isEmpty ? nil : $0 }
        api.trustForwardedFor = ["1", "true"].contains(environment["PGBM_TRUST_FORWARDED_FOR"] ?? "")
        api.connections = try connectionLimits()
        var configuration = BackupManager.Configuration(
            dataDirectory: shared.resolvedDataDir, backupDirectory: shared.resolvedBackupDir, environment: environment, role: .server)
        configuration.publicBaseURL = api.baseURL
        configuration.shutdownGrace = try server.resolvedShutdownGrace()
        let logger = Logger(label: "pgbm.server")
        let limits = api.connections.fitting(descriptorLimit: Self.descriptorLimit())
        if limits.maxConnections < api.connections.maxConnections {
            logger.warning(
                "HTTP connection limit lowered to half the file-descriptor limit; raise LimitNOFILE (ulimit -n) to allow more",
                metadata: [
                    "pgbm.http.max_connections": "\(limits.maxConnections)",
                    "pgbm.http.max_connections_configured": "\(api.connections.maxConnections)",
                ])
        }
        api.connections = limits
        let trimmer = MemoryTrimmer(quietPeriod: try server.resolvedMemoryTrimAfter(), logger: logger)
        try await ServerRuntime(configuration: configuration, api: api, background: [trimmer], logger: logger).run()
    }

    private func connectionLimits() throws -> ConnectionLimits {
        ConnectionLimits(
            idleTimeout: try http.resolvedIdleTimeout(), headerTimeout: try http.resolvedHeaderTimeout(),
            bodyTimeout: try http.resolvedBodyTimeout(), bodyMinimumRate: try http.resolvedBodyMinimumRate(),
            maxConnections: try http.resolvedMaxConnections())
    }

    /// The process's soft limit of open file descriptors, or `nil` when unknown or unlimited.
    private static func descriptorLimit() -> Int? {
        #if canImport(Glibc)
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0, limit.rlim_cur != rlim_t.max else { return nil }
        return Int(clamping: limit.rlim_cur)
        #else
        return nil
        #endif
    }
}
