public import BackupCore
public import BackupDump
public import BackupRepository
public import Foundation

/// Everything the routes act on: the store and the long-lived workers of the server process.
///
/// ```swift
/// let services = APIServices(
///     store: store, scheduler: scheduler, restores: restores, notifier: notifier, s3: connector,
///     dataDirectory: "./data")
/// let app = buildApplication(configuration: configuration, services: services, logger: logger)
/// ```
public struct APIServices: Sendable {
    /// The configuration store.
    public var store: any ConfigurationStore
    /// Runs scheduled and manual backups (`POST /api/backups/run/{db_id}`, cancel, pause, resume).
    public var scheduler: Scheduler
    /// Runs restore jobs (`POST /api/restore/from-*`, status, cancel).
    public var restores: RestoreService
    /// Sends alerts and the test messages of `POST /api/config/settings/email/test`.
    public var notifier: Notifier
    /// Opens the configured S3 bucket (listing, the connection test).
    public var s3: S3Connector
    /// Tests database connections.
    public var connectionTester: ConnectionTester
    /// The data folder (uploads of `POST /api/restore/from-upload` go to its `scratch` folder).
    public var dataDirectory: String
    /// The Prometheus metrics `GET /metrics` serves.
    public var metrics: ServerMetrics
    /// When the server started (uptime in the detailed health).
    public var startedAt: Date
    /// The one-time setup token of a new installation (`POST /api/auth/setup`); none by default.
    public var setupGate: SetupGate = SetupGate()

    /// The set over `manager`'s store and workers, with `metrics` told about every finished run and restore
    /// (seeded from the store's history).
    public init(manager: BackupManager, metrics: ServerMetrics = ServerMetrics(), startedAt: Date = Date()) async throws {
        try await metrics.seed(from: manager.store)
        manager.addObserver(MetricsObserver(metrics: metrics, store: manager.store))
        self.init(
            store: manager.store, scheduler: manager.scheduler, restores: manager.restores, notifier: manager.notifier,
            s3: manager.s3, connectionTester: manager.connectionTester, dataDirectory: manager.configuration.dataDirectory,
            metrics: metrics, startedAt: startedAt)
    }

    /// Creates the set.
    public init(
        store: any ConfigurationStore, scheduler: Scheduler, restores: RestoreService, notifier: Notifier, s3: S3Connector,
        connectionTester: ConnectionTester = ConnectionTester(), dataDirectory: String,
        metrics: ServerMetrics = ServerMetrics(), startedAt: Date = Date()
    ) {
        self.store = store
        self.scheduler = scheduler
        self.restores = restores
        self.notifier = notifier
        self.s3 = s3
        self.connectionTester = connectionTester
        self.dataDirectory = dataDirectory
        self.metrics = metrics
        self.startedAt = startedAt
    }
}
