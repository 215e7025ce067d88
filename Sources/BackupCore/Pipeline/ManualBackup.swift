public import BackupRepository
public import Foundation
public import Logging

/// One backup started by hand outside the scheduler (`pgbm-cli backup run`): the same run record,
/// lease and worker as a scheduled one.
public struct ManualBackup: Sendable {
    let store: any SchedulerStore
    let worker: any BackupWorker
    let holder: String
    let leaseDuration: TimeInterval
    let logger: Logger

    /// Creates a runner; `holder` names this process in the lease table.
    public init(store: any SchedulerStore, worker: any BackupWorker, holder: String, leaseDuration: TimeInterval = 120, logger: Logger) {
        self.store = store
        self.worker = worker
        self.holder = holder
        self.leaseDuration = leaseDuration
        self.logger = logger
    }

    /// Queues a run of the database, takes its lease, runs the worker, records the outcome.
    /// - Parameter started: called with the job once the run is `running`.
    /// - Throws: ``BackupFailure`` `configuration` when another process is backing the database up.
    public func run(
        databaseId: Int64, trigger: BackupRun.Trigger = .cli, started: @Sendable (BackupJob) -> Void = { _ in }
    ) async throws -> BackupRun {
        let lease = SchedulerConfiguration.leaseName(databaseId: databaseId)
        guard try store.acquireLease(lease, holder: holder, duration: leaseDuration, now: Date()) else {
            throw BackupFailure(.configuration, "another backup of this database is running; try again when it ends")
        }
        defer { try? store.releaseLease(lease, holder: holder) }
        let run = try store.createRun(BackupRun(databaseId: databaseId, trigger: trigger, queuedAt: Date()))
        let job = BackupJob(runId: run.id ?? 0, databaseId: databaseId, scheduleId: nil, trigger: trigger, dueAt: nil)
        let ledger = RunLedger(store: store, logger: logger)
        try ledger.start(job, at: Date())
        started(job)
        let renewal = Task { [store, holder, leaseDuration] in
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(leaseDuration / 3))
                _ = try? store.renewLease(lease, holder: holder, duration: leaseDuration, now: Date())
            }
        }
        let outcome = await worker.runBackup(job)
        renewal.cancel()
        ledger.finish(job, outcome, at: Date())
        return try store.run(id: job.runId) ?? run
    }
}
