import AsyncHTTPClient
public import BackupDump
public import BackupRepository
import BackupStorage
import Foundation
public import Logging
import Synchronization

/// pgbm, put together once: the configuration store, the alert notifier with its HTTP client, the backup
/// pipeline, the scheduler, the restore service and the start-up cleanup, for one installation.
///
/// `pgbm-server`, `pgbm-cli`, the tests and a Swift service that embeds pgbm all build their workers here,
/// so they run the same code with the same settings. As a `Service` (swift-service-lifecycle) it runs the
/// scheduler until a graceful shutdown; a one-shot caller uses ``withBackupManager(_:logger:_:)``, which
/// shuts the HTTP clients down at the end.
///
/// ```swift
/// let manager = try await BackupManager.open(
///     BackupManager.Configuration(dataDirectory: "./data", backupDirectory: "./backups"), logger: logger)
/// let group = ServiceGroup(services: [manager], gracefulShutdownSignals: [.sigterm], logger: logger)
/// try await group.run()
/// ```
public final class BackupManager: Sendable {
    /// What the manager was built from.
    public let configuration: Configuration
    /// The configuration store.
    public let store: any ConfigurationStore
    /// The general settings at start-up: installation id and the absolute backup folder.
    public let installation: GeneralSettings
    /// Sends alerts (email, webhooks, heartbeat) and the test messages.
    public let notifier: Notifier
    /// Reaches the S3 bucket the settings describe.
    public let s3: S3Connector
    /// Makes one backup (the scheduler's worker, alerting on every outcome).
    public let worker: any BackupWorker
    /// Starts scheduled and manual backups; runs while the manager runs as a service.
    public let scheduler: Scheduler
    /// Runs restore jobs.
    public let restores: RestoreService
    /// Tests PostgreSQL connections.
    public let connectionTester: ConnectionTester
    /// Where restores put their scratch files (0700).
    public let scratchDirectory: String
    /// This process in lease tables and on the jobs it runs (`server@host:pid …`).
    public let holder: String
    /// What the health routes report (store facts, scheduler state, S3 reachability, cached).
    public let health: HealthService
    let logger: Logger
    let clients: HTTPClients
    let observers: Observers

    init(
        configuration: Configuration, store: any ConfigurationStore, installation: GeneralSettings, scratchDirectory: String,
        logger: Logger
    ) {
        let clients = HTTPClients(configuration.httpClients)
        let observers = Observers()
        let holder = LeaseHolder.current(role: configuration.role.description)
        let notifier = Notifier(store: store, httpClient: clients.alerts, configuration: configuration.notifier, logger: logger)
        let s3 = S3Connector(httpClient: clients.storage, logger: logger)
        let worker = NotifyingBackupWorker(
            BackupPipeline(store: store, locator: configuration.toolLocator, s3: s3, logger: logger), notifier: notifier)
        var schedulerConfiguration = SchedulerConfiguration(installation, holder: holder)
        configuration.adjustScheduler(&schedulerConfiguration)
        self.configuration = configuration
        self.store = store
        self.installation = installation
        self.notifier = notifier
        self.s3 = s3
        self.worker = worker
        self.scheduler = Scheduler(
            store: store, worker: worker, clock: configuration.clock, configuration: schedulerConfiguration, logger: logger,
            onEvent: { event in
                notifier.handle(event)
                observers.schedulerEvent(event)
            })
        self.restores = RestoreService(
            store: store, locator: configuration.toolLocator, s3: s3, scratchDirectory: scratchDirectory, holder: holder,
            logger: logger,
            onFinish: { job in
                notifier.restoreFinished(job)
                observers.restoreFinished(job)
            })
        self.connectionTester = ConnectionTester()
        self.scratchDirectory = scratchDirectory
        self.holder = holder
        self.health = HealthService(store: store, scheduler: scheduler, s3: s3)
        self.logger = logger
        self.clients = clients
        self.observers = observers
    }

    /// Opens the installation: the store (created on first start), the installation id and backup folder,
    /// the public base URL, the backup and scratch folders, and the cleanup of interrupted work (all of it
    /// for a ``Configuration/Role/server``, a dead process's for the CLI); then builds the workers.
    ///
    /// - Throws: `StoreError` when the store or the master key cannot be opened, a file-system error when
    ///   a folder cannot be created. Call ``shutdown()`` (or use ``withBackupManager(_:logger:_:)``) when done.
    public static func open(_ configuration: Configuration, logger: Logger) async throws -> BackupManager {
        let store = try openStore(configuration, logger: logger)
        var general =
            configuration.fixesInstallation
            ? try await store.initializeInstallation(backupDirectory: configuration.backupDirectory)
            : try await store.settings(GeneralSettings.self)
        if let url = configuration.publicBaseURL, !url.isEmpty, url != general.publicBaseURL {
            general.publicBaseURL = url
            try await store.saveSettings(general)
            logger.info("public base URL taken from PGBM_BASE_URL", metadata: ["pgbm.base_url": "\(url)"])
        }
        if configuration.fixesInstallation, BackupFolder(general.backupDirectory).realPath == nil {
            try FileManager.default.createDirectory(
                atPath: general.backupDirectory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        }
        let scratch = try await scratchFolder(configuration, store: store)
        if configuration.role.ownsUnfinishedWork {
            _ = try await BackupRecovery.recover(store: store, backupDirectory: general.backupDirectory, logger: logger)
        }
        await RestoreRecovery.recover(
            store: store, scratchDirectory: scratch, all: configuration.role.ownsUnfinishedWork, logger: logger)
        return BackupManager(configuration: configuration, store: store, installation: general, scratchDirectory: scratch, logger: logger)
    }

    /// Opens the configuration store alone, for a command that only reads or edits it (`pgbm-cli db list`):
    /// the one place a store is opened.
    /// - Throws: `StoreError` when the store or the master key cannot be opened.
    public static func openStore(_ configuration: Configuration, logger: Logger) throws -> any ConfigurationStore {
        try SQLiteStore.open(dataDirectory: configuration.dataDirectory, environment: configuration.environment, logger: logger)
    }

    /// The scratch folder of restores, created 0700.
    static func scratchFolder(_ configuration: Configuration, store: any ConfigurationStore) async throws -> String {
        var chosen = configuration.scratchDirectory
        if chosen == nil { chosen = try await store.settings(BackupSettings.self).scratchDirectory }
        let path = URL(fileURLWithPath: chosen ?? configuration.dataDirectory + "/scratch").standardizedFileURL.path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        return path
    }

    /// Tells `observer` about scheduler events and finished restores from now on.
    public func addObserver(_ observer: some BackupObserver) {
        observers.add(observer)
    }

    /// One backup of a database now, outside the scheduler (`pgbm-cli backup run`): the same run record,
    /// lease and worker as a scheduled one.
    ///
    /// A failed backup is a returned run in the `failed` state with its `error`, not a thrown error.
    /// - Parameters:
    ///   - databaseId: The database to back up.
    ///   - trigger: How the run is recorded (`cli` by default).
    ///   - started: Called with the job once the run is `running`.
    /// - Returns: The finished run.
    /// - Throws: ``BackupError`` `backup.configuration` when another process is backing the database up; a
    ///   `StoreError` when the store fails.
    public func backUpNow(
        databaseId: Int64, trigger: BackupRun.Trigger = .cli, started: @Sendable (BackupJob) -> Void = { _ in }
    ) async throws -> BackupRun {
        try await ManualBackup(store: store, worker: worker, holder: holder, logger: logger)
            .run(databaseId: databaseId, trigger: trigger, started: started)
    }

    /// Waits for the alerts still being delivered, then closes the HTTP clients. Call once, at the end.
    public func shutdown() async {
        await notifier.drain()
        await clients.shutdown(logger: logger)
    }
}

/// Runs `body` with a manager opened from `configuration`, and shuts it down afterwards, also when `body`
/// throws.
///
/// ```swift
/// let run = try await withBackupManager(configuration, logger: logger) { manager in
///     try await manager.backUpNow(databaseId: 1)
/// }
/// ```
public func withBackupManager<Value: Sendable>(
    _ configuration: BackupManager.Configuration, logger: Logger, _ body: (BackupManager) async throws -> Value
) async throws -> Value {
    let manager = try await BackupManager.open(configuration, logger: logger)
    do {
        let value = try await body(manager)
        await manager.shutdown()
        return value
    } catch {
        await manager.shutdown()
        throw error
    }
}

/// The manager's HTTP clients, and whether it closes them.
struct HTTPClients: Sendable {
    let clients: BackupManager.Configuration.HTTPClientSet
    let owned: Bool

    init(_ given: BackupManager.Configuration.HTTPClientSet?) {
        clients = given ?? .make()
        owned = given == nil
    }

    var alerts: HTTPClient { clients.alerts }
    var storage: HTTPClient { clients.storage }

    func shutdown(logger: Logger) async {
        guard owned else { return }
        for client in [clients.alerts, clients.storage] {
            do {
                try await client.shutdown()
            } catch {
                logger.warning("closing an HTTP client failed", metadata: ["error": "\(error)"])
            }
        }
    }
}

/// The observers added so far.
final class Observers: Sendable {
    private let list = Mutex<[any BackupObserver]>([])

    func add(_ observer: some BackupObserver) {
        list.withLock { $0.append(observer) }
    }

    func schedulerEvent(_ event: SchedulerEvent) {
        for observer in list.withLock({ $0 }) { observer.schedulerEvent(event) }
    }

    func restoreFinished(_ job: RestoreJob) {
        for observer in list.withLock({ $0 }) { observer.restoreFinished(job) }
    }
}
