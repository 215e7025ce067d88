public import Foundation

/// `GET /api/health/detailed`: what an operator checks first.
public struct DetailedHealthResponse: Encodable, Sendable {
    /// `ok`, or `degraded` when a database is overdue, S3 does not answer or the backup folder is not
    /// writable; `failing` when the store does not answer (then the status code is 503).
    public let status: String
    public let version: String
    public let uptimeSeconds: Int
    public let store: StoreStatus
    public let backupDirectory: DirectoryStatus
    public let scheduler: SchedulerState
    public let s3: S3State
    public let databases: [DatabaseState]

    /// Whether the configuration store answered.
    public struct StoreStatus: Codable, Sendable {
        public let ok: Bool
        public let error: String?

        /// The store's state.
        public init(ok: Bool, error: String?) {
            self.ok = ok
            self.error = error
        }
    }

    /// The backup folder: writable, and the space pgbm uses and that is left.
    public struct DirectoryStatus: Codable, Sendable {
        public let path: String
        public let writable: Bool
        /// Bytes of the backup files pgbm keeps there (from the store's file records).
        public let usedBytes: Int64
        public let totalBytes: Int64?
        public let freeBytes: Int64?

        /// The folder's state.
        public init(path: String, writable: Bool, usedBytes: Int64, totalBytes: Int64?, freeBytes: Int64?) {
            self.path = path
            self.writable = writable
            self.usedBytes = usedBytes
            self.totalBytes = totalBytes
            self.freeBytes = freeBytes
        }
    }

    /// The scheduler's queue.
    public struct SchedulerState: Codable, Sendable {
        public let running: Bool
        public let queued: Int
        public let active: Int

        /// The scheduler's state.
        public init(running: Bool, queued: Int, active: Int) {
            self.running = running
            self.queued = queued
            self.active = active
        }
    }

    /// Whether S3 is configured and answered its last check.
    public struct S3State: Codable, Sendable {
        public let configured: Bool
        public let reachable: Bool?
        public let checkedAt: Date?
        public let error: String?

        /// The bucket's state.
        public init(configured: Bool, reachable: Bool?, checkedAt: Date?, error: String?) {
            self.configured = configured
            self.reachable = reachable
            self.checkedAt = checkedAt
            self.error = error
        }
    }

    /// A live database's last success and whether one is overdue.
    public struct DatabaseState: Codable, Sendable {
        public let id: Int64
        public let name: String
        public let slug: String
        public let lastSuccessAt: Date?
        /// Seconds since the last success.
        public let ageSeconds: Int?
        public let nextRunAt: Date?
        public let expectedBy: Date?
        /// No success by the time one was expected.
        public let stale: Bool

        /// The database's state.
        public init(
            id: Int64, name: String, slug: String, lastSuccessAt: Date?, ageSeconds: Int?, nextRunAt: Date?,
            expectedBy: Date?, stale: Bool
        ) {
            self.id = id
            self.name = name
            self.slug = slug
            self.lastSuccessAt = lastSuccessAt
            self.ageSeconds = ageSeconds
            self.nextRunAt = nextRunAt
            self.expectedBy = expectedBy
            self.stale = stale
        }
    }

    /// The report.
    public init(
        status: String, version: String, uptimeSeconds: Int, store: StoreStatus, backupDirectory: DirectoryStatus,
        scheduler: SchedulerState, s3: S3State, databases: [DatabaseState]
    ) {
        self.status = status
        self.version = version
        self.uptimeSeconds = uptimeSeconds
        self.store = store
        self.backupDirectory = backupDirectory
        self.scheduler = scheduler
        self.s3 = s3
        self.databases = databases
    }
}
