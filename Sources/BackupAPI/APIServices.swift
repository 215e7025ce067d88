public import BackupCore
public import BackupRepository
public import Foundation

/// Everything the routes act on: the one ``BackupManager`` (its store, workers and use cases) and the
/// server's own metrics.
///
/// ```swift
/// let manager = try await BackupManager.open(configuration, logger: logger)
/// let services = try await APIServices(manager: manager)
/// let app = buildApplication(configuration: apiConfiguration, services: services, logger: logger)
/// ```
public struct APIServices: Sendable {
    /// The composed system: store, scheduler, restores, notifier and the use cases.
    public let manager: BackupManager
    /// Counters and gauges served at `/metrics`.
    public var metrics: ServerMetrics
    /// When the process started (health and metrics report the uptime).
    public var startedAt: Date
    /// Lets exactly one first-setup request create the first admin.
    public var setupGate: SetupGate = SetupGate()

    /// Serves `manager`: seeds the metrics from its store and observes its backups.
    public init(manager: BackupManager, metrics: ServerMetrics = ServerMetrics(), startedAt: Date = Date()) async throws {
        try await metrics.seed(from: manager.store)
        manager.addObserver(MetricsObserver(metrics: metrics, store: manager.store))
        self.manager = manager
        self.metrics = metrics
        self.startedAt = startedAt
    }

    /// The configuration store.
    public var store: any ConfigurationStore { manager.store }
    /// Runs scheduled and manual backups.
    public var scheduler: Scheduler { manager.scheduler }
    /// Runs restore jobs.
    public var restores: RestoreService { manager.restores }
    /// Sends alerts.
    public var notifier: Notifier { manager.notifier }
    /// Connects to the configured bucket.
    public var s3: S3Connector { manager.s3 }
    /// The data folder (uploads are staged under it).
    public var dataDirectory: String { manager.configuration.dataDirectory }
}
