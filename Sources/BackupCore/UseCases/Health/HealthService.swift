public import BackupRepository
public import Foundation

/// What the health routes report, read once per request: the store's facts, the scheduler's state and
/// whether S3 answers (checked at most once a minute, so polling stays cheap).
///
/// ```swift
/// let facts = try await manager.health.storeFacts()
/// let s3 = await manager.health.s3Status()
/// ```
public struct HealthService: Sendable {
    /// The store's facts the health report needs.
    public struct StoreFacts: Sendable {
        /// The backup folder.
        public var backupDirectory = ""
        /// Bytes of the backup files on disk.
        public var usedBytes: Int64 = 0
        /// The live databases.
        public var databases: [ConfiguredDatabase] = []
        /// Each database's newest successful backup.
        public var lastSuccesses: [Int64: Date] = [:]

        /// No facts (the store did not answer).
        public init() {}
    }

    let store: any ConfigurationStore
    let scheduler: Scheduler
    let s3: S3Reachability

    init(store: any ConfigurationStore, scheduler: Scheduler, s3: S3Connector, s3CheckInterval: TimeInterval = 60) {
        self.store = store
        self.scheduler = scheduler
        self.s3 = S3Reachability(s3: s3, interval: s3CheckInterval)
    }

    /// Pings the store and reads the backup folder, its usage, the live databases and their newest
    /// successful backups.
    /// - Throws: when the store does not answer.
    public func storeFacts() async throws -> StoreFacts {
        try await store.ping()
        var facts = StoreFacts()
        facts.backupDirectory = try await store.settings(GeneralSettings.self).backupDirectory
        facts.usedBytes = try await store.localFileBytes()
        facts.databases = try await store.databases(includingDeleted: false)
        facts.lastSuccesses = try await store.lastSuccesses(databaseIds: facts.databases.compactMap(\.id))
        return facts
    }

    /// The scheduler's queue, its running jobs and each database's schedule state.
    public func schedulerStatus() async -> SchedulerStatus {
        await scheduler.status()
    }

    /// Whether S3 is configured and answers (cached for a minute once configured).
    public func s3Status(now: Date = Date()) async -> S3Reachability.Status {
        await s3.status(store: store, now: now)
    }
}
