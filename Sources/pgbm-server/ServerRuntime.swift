import AsyncHTTPClient
import BackupAPI
import BackupCore
import BackupRepository
import BackupStorage
import Foundation
import Logging
import ServiceLifecycle
import UnixSignals

/// The server process: opens the store, cleans up after a crash, then runs the HTTP API and the
/// scheduler in one service group until SIGTERM or SIGINT.
struct ServerRuntime {
    let dataDirectory: String
    let backupDirectory: String
    let api: APIConfiguration
    /// How long running backups may take to finish on SIGTERM.
    let shutdownGrace: Duration
    let logger: Logger

    /// Runs until a graceful shutdown; returns when every service has stopped.
    func run() async throws {
        let store = try SQLiteStore.open(dataDirectory: dataDirectory, logger: logger)
        let general = try adoptBaseURL(try store.initializeInstallation(backupDirectory: backupDirectory), store: store)
        let scratch = try recover(store: store, general: general)

        let http = S3Client.makeHTTPClient()
        let notifier = Notifier(store: store, httpClient: http, logger: logger)
        let metrics = ServerMetrics()
        try metrics.seed(from: store)
        let s3 = S3Connector(httpClient: http, logger: logger)
        let pipeline = BackupPipeline(store: store, s3: s3, logger: logger)
        let scheduler = Scheduler(
            store: store, worker: NotifyingBackupWorker(pipeline, notifier: notifier),
            configuration: SchedulerConfiguration(general), logger: logger, onEvent: { event in
                notifier.handle(event)
                metrics.record(event, store: store)
            })
        let restores = RestoreService(
            store: store, s3: s3, scratchDirectory: scratch,
            logger: logger,
            onFinish: { job in
                notifier.restoreFinished(job)
                metrics.restoreFinished(job)
            })
        var services = APIServices(
            store: store, scheduler: scheduler, restores: restores, notifier: notifier,
            s3: s3, dataDirectory: dataDirectory, metrics: metrics)
        var api = api
        api.baseURL = api.baseURL ?? ProcessInfo.processInfo.environment["PGBM_BASE_URL"]
        api.trustForwardedFor = ["1", "true"].contains(ProcessInfo.processInfo.environment["PGBM_TRUST_FORWARDED_FOR"] ?? "")
        services.setupGate = try await setupGate(store: store, api: api)
        let app = buildApplication(configuration: api, services: services, logger: logger)
        // The group stops services in reverse order: the HTTP server first, then the scheduler.
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: [SchedulerService(scheduler: scheduler, grace: shutdownGrace), app], gracefulShutdownSignals: [.sigterm, .sigint],
                logger: logger))
        logger.info(
            "pgbm-server starting",
            metadata: [
                "pgbm.version": "\(BackupAPI.version)", "pgbm.data_dir": "\(dataDirectory)",
                "pgbm.backup_dir": "\(general.backupDirectory)", "pgbm.installation_id": "\(general.installationId)",
            ])
        do {
            try await group.run()
        } catch {
            await Self.finish(notifier: notifier, http: http, logger: logger)
            throw error
        }
        await Self.finish(notifier: notifier, http: http, logger: logger)
        logger.info("pgbm-server stopped")
    }

    /// A setup gate with a new one-time token when the store has no user yet, logged once at `notice`:
    /// the only secret pgbm ever logs (it is useless once the first admin exists).
    func setupGate(store: SQLiteStore, api: APIConfiguration) async throws -> SetupGate {
        let gate = SetupGate.make(needed: try store.users().isEmpty)
        if let token = await gate.pendingToken {
            let base = api.baseURL ?? "http://\(api.host):\(api.port)"
            logger.notice(
                "no user yet: create the first admin with this one-time setup token (POST /api/auth/setup or pgbm-cli user create)",
                metadata: ["pgbm.setup.token": "\(token)", "pgbm.setup.url": "\(base)/api/auth/setup"])
        }
        return gate
    }

    /// Creates the backup folder, marks runs and restores a dead process left unfinished as failed and
    /// removes their files: this process is the only one running scheduled work on this store.
    /// - Returns: the scratch folder of restores.
    func recover(store: SQLiteStore, general: GeneralSettings) throws -> String {
        try FileManager.default.createDirectory(atPath: general.backupDirectory, withIntermediateDirectories: true)
        _ = try BackupRecovery.recover(store: store, backupDirectory: general.backupDirectory, logger: logger)
        let configured = try store.settings(BackupSettings.self).scratchDirectory
        let scratch = URL(fileURLWithPath: configured ?? dataDirectory + "/scratch").standardizedFileURL.path
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        RestoreRecovery.recover(store: store, scratchDirectory: scratch, all: true, logger: logger)
        return scratch
    }

    /// Waits for alerts still being delivered, then closes the HTTP client.
    static func finish(notifier: Notifier, http: HTTPClient, logger: Logger) async {
        await notifier.drain()
        do {
            try await http.shutdown()
        } catch {
            logger.warning("closing the HTTP client failed", metadata: ["error": "\(error)"])
        }
    }

    /// Stores `PGBM_BASE_URL` as `general.public_base_url` (alert links, also for the CLI) when it is set
    /// and differs.
    func adoptBaseURL(_ general: GeneralSettings, store: SQLiteStore) throws -> GeneralSettings {
        guard let url = ProcessInfo.processInfo.environment["PGBM_BASE_URL"], !url.isEmpty, url != general.publicBaseURL else {
            return general
        }
        var updated = general
        updated.publicBaseURL = url
        try store.saveSettings(updated)
        logger.info("public base URL taken from PGBM_BASE_URL", metadata: ["pgbm.base_url": "\(url)"])
        return updated
    }
}
