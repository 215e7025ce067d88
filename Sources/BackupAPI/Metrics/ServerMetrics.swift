public import BackupCore
public import BackupRepository
import Foundation
public import Prometheus
import Synchronization

/// The Prometheus metrics of one server process, served by `GET /metrics`: backup runs by database and
/// outcome, their durations and sizes, the last success per database, bytes uploaded to S3, restore
/// jobs, and HTTP requests. Counters start at zero with the process; the last-success gauges are seeded
/// from the store at start.
///
/// ```swift
/// let metrics = ServerMetrics()
/// let scheduler = Scheduler(…, onEvent: { metrics.record($0, store: store) })
/// print(metrics.exposition())
/// ```
public final class ServerMetrics: Sendable {
    /// The registry `GET /metrics` emits.
    public let registry = PrometheusCollectorRegistry()
    private let slugs = Mutex<[Int64: String]>([:])

    static let durationBuckets: [Double] = [1, 5, 15, 60, 300, 900, 1800, 3600, 7200, 21600]
    static let sizeBuckets: [Double] = [1, 10, 100, 1024, 10240, 102_400, 1_048_576].map { $0 * 1_048_576 }
    static let requestBuckets: [Double] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10]

    /// Creates the registry with the build information gauge.
    public init(version: String = BackupAPI.version) {
        registry.makeGauge(descriptor: Self.descriptor("build", "info", "pgbm's version"), labels: [("version", version)]).set(to: 1.0)
    }

    /// Records a finished backup run; other events are ignored. Looks the database's slug and the run's
    /// S3 copy up in `store` off the caller's thread.
    public func record(_ event: SchedulerEvent, store: any ConfigurationStore) {
        guard case .finished(let job, let outcome, let duration) = event else { return }
        let finishedAt = Date()
        Task { [self] in
            let slug = await self.slug(of: job.databaseId, in: store)
            let uploaded = outcome.state == .succeeded ? await Self.uploadedBytes(runId: job.runId, in: store) : 0
            self.recordRun(database: slug, outcome: outcome, duration: duration, uploadedBytes: uploaded, at: finishedAt)
        }
    }

    /// Records one finished run under the database label `database`.
    func recordRun(database: String, outcome: BackupOutcome, duration: TimeInterval, uploadedBytes: Int64, at date: Date) {
        registry.makeCounter(
            descriptor: Self.descriptor("backup_runs", "total", "Backup runs that ended, by database and outcome"),
            labels: [("database", database), ("outcome", outcome.state.rawValue)]
        ).increment()
        guard outcome.state == .succeeded else { return }
        registry.makeValueHistogram(
            descriptor: Self.descriptor("backup_duration", "seconds", "Duration of successful backups"),
            labels: [("database", database)], buckets: Self.durationBuckets
        ).record(duration)
        if let size = outcome.sizeBytes {
            registry.makeValueHistogram(
                descriptor: Self.descriptor("backup_size", "bytes", "Size of successful backup files"),
                labels: [("database", database)], buckets: Self.sizeBuckets
            ).record(Double(size))
        }
        lastSuccess(database: database).set(to: date.timeIntervalSince1970)
        uploaded.increment(by: uploadedBytes)
    }

    /// Records a restore job that ended.
    public func restoreFinished(_ job: RestoreJob) {
        registry.makeCounter(
            descriptor: Self.descriptor("restore_jobs", "total", "Restore jobs that ended, by outcome"),
            labels: [("outcome", job.state.rawValue)]
        ).increment()
    }

    /// Records one answered HTTP request: `route` is the matched route's pattern, never the raw path.
    func recordRequest(method: String, route: String, status: Int, seconds: Double) {
        registry.makeCounter(
            descriptor: Self.descriptor("http_requests", "total", "HTTP requests answered, by method, route and status"),
            labels: [("method", method), ("route", route), ("status", "\(status)")]
        ).increment()
        registry.makeValueHistogram(
            descriptor: Self.descriptor("http_request_duration", "seconds", "Time to answer HTTP requests"),
            labels: [("method", method), ("route", route)], buckets: Self.requestBuckets
        ).record(seconds)
    }

    /// Sets the last-success gauge of every live database from the store's history.
    public func seed(from store: any ConfigurationStore) async throws {
        for database in try await store.databases(includingDeleted: false) {
            guard let id = database.id else { continue }
            slugs.withLock { $0[id] = database.slug }
            let newest = try await store.runs(databaseId: id, state: .succeeded, limit: 1, cursor: nil).items.first
            if let date = newest?.finishedAt { lastSuccess(database: database.slug).set(to: date.timeIntervalSince1970) }
        }
    }

    /// The Prometheus text exposition of every metric.
    public func exposition() -> String {
        registry.emitToString()
    }

    private var uploaded: Counter {
        registry.makeCounter(descriptor: Self.descriptor("s3_uploaded", "bytes_total", "Bytes of backup files uploaded to S3"))
    }

    private func lastSuccess(database: String) -> Gauge {
        registry.makeGauge(
            descriptor: Self.descriptor(
                "backup_last_success", "timestamp_seconds", "Unix time of the newest successful backup, by database"),
            labels: [("database", database)])
    }

    private func slug(of databaseId: Int64, in store: any ConfigurationStore) async -> String {
        if let known = slugs.withLock({ $0[databaseId] }) { return known }
        let slug = (try? await store.database(id: databaseId)?.slug) ?? "database-\(databaseId)"
        slugs.withLock { $0[databaseId] = slug }
        return slug
    }

    private static func uploadedBytes(runId: Int64, in store: any ConfigurationStore) async -> Int64 {
        let files = (try? await store.files(runId: runId)) ?? []
        return files.filter { $0.s3Key != nil }.reduce(0) { $0 + $1.sizeBytes }
    }

    static func descriptor(_ name: String, _ unit: String, _ help: String) -> MetricNameDescriptor {
        MetricNameDescriptor(namespace: "pgbm", metricName: name, unitName: unit, helpText: help)
    }
}
