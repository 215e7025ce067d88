import BackupAPI
import BackupCore
import BackupRepository
import Foundation
import Logging
import ServiceLifecycle
import UnixSignals

/// The server process: opens the installation through ``BackupManager`` (store, cleanup after a crash,
/// workers), then runs the HTTP API and the manager's scheduler in one service group until SIGTERM or
/// SIGINT.
struct ServerRuntime {
    let configuration: BackupManager.Configuration
    let api: APIConfiguration
    /// Process-wide services run beside the server (the memory trimmer).
    var background: [any Service] = []
    let logger: Logger

    /// Runs until a graceful shutdown; returns when every service has stopped.
    func run() async throws {
        let manager = try await BackupManager.open(configuration, logger: logger)
        var services = try await APIServices(manager: manager)
        services.setupGate = try await setupGate(manager: manager)
        let app = buildApplication(configuration: api, services: services, background: background, logger: logger)
        // The group stops services in reverse order: the HTTP server first, then the scheduler.
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: [manager, app], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        logger.info(
            "pgbm-server starting",
            metadata: [
                "pgbm.version": "\(BackupAPI.version)", "pgbm.data_dir": "\(configuration.dataDirectory)",
                "pgbm.backup_dir": "\(manager.installation.backupDirectory)",
                "pgbm.installation_id": "\(manager.installation.installationId)",
                "pgbm.http.max_connections": "\(api.connections.maxConnections)",
            ])
        try await group.run()
        logger.info("pgbm-server stopped")
    }

    /// A setup gate with a new one-time token when the store has no user yet, logged once at `notice`:
    /// the only secret pgbm ever logs (it is useless once the first admin exists).
    func setupGate(manager: BackupManager) async throws -> SetupGate {
        let gate = SetupGate.make(needed: try await manager.store.users().isEmpty)
        if let token = await gate.pendingToken {
            let base = api.baseURL ?? "http://\(api.host):\(api.port)"
            logger.notice(
                "no user yet: create the first admin with this one-time setup token (POST /api/auth/setup or pgbm-cli user create)",
                metadata: ["pgbm.setup.token": "\(token)", "pgbm.setup.url": "\(base)/api/auth/setup"])
        }
        return gate
    }
}
