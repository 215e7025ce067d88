public import BackupRepository
public import Foundation

/// How the scheduler behaves; the server builds it from `GeneralSettings`.
public struct SchedulerConfiguration: Sendable, Equatable {
    /// Backups running at once in this process.
    public var concurrency: Int
    /// A slot missed while pgbm was down runs on start if it is at most this old.
    public var missedRunGrace: TimeInterval
    /// How long after its expected backup a database counts as overdue.
    public var stalenessGrace: TimeInterval
    /// Length of the per-database lease; renewed at a third of it while the backup runs.
    public var leaseDuration: TimeInterval
    /// How often a run waiting for another process's lease tries again.
    public var leaseRetryInterval: TimeInterval
    /// How often the store is read again for changes made by other processes (the CLI).
    public var reloadInterval: TimeInterval
    /// This process in the lease table (`server@host:pid`).
    public var holder: String

    /// Creates a configuration with the design's defaults.
    public init(
        concurrency: Int = 2, missedRunGrace: TimeInterval = 3600, stalenessGrace: TimeInterval? = nil,
        leaseDuration: TimeInterval = 120, leaseRetryInterval: TimeInterval = 15, reloadInterval: TimeInterval = 30,
        holder: String = SchedulerConfiguration.defaultHolder()
    ) {
        self.concurrency = max(1, concurrency)
        self.missedRunGrace = max(0, missedRunGrace)
        self.stalenessGrace = max(0, stalenessGrace ?? missedRunGrace)
        self.leaseDuration = max(3, leaseDuration)
        self.leaseRetryInterval = max(1, leaseRetryInterval)
        self.reloadInterval = max(1, reloadInterval)
        self.holder = holder
    }

    /// The configuration the general settings ask for.
    public init(_ settings: GeneralSettings, holder: String = SchedulerConfiguration.defaultHolder()) {
        self.init(
            concurrency: settings.concurrency, missedRunGrace: TimeInterval(settings.missedRunGraceSeconds), holder: holder)
    }

    /// `scheduler@<host>:<pid>` and the PID namespace (``LeaseHolder``).
    public static func defaultHolder() -> String {
        LeaseHolder.current(role: "scheduler")
    }

    /// The lease name that keeps backups of one database apart across processes.
    public static func leaseName(databaseId: Int64) -> String { "backup.database.\(databaseId)" }
}
