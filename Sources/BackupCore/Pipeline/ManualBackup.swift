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

    /// Takes the database's lease, queues a run, runs the worker, records the outcome.
    ///
    /// A lease still held by a process of this host that no longer exists (a `pgbm-cli` or server killed
    /// mid-backup; see ``LeaseHolder``) is taken over at once rather than after it expires; the worker then
    /// cleans up what that process left (``BackupRecovery``).
    /// - Parameters:
    ///   - databaseId: the database to back up.
    ///   - trigger: how the run is recorded (`cli` by default).
    ///   - started: called with the job once the run is `running`.
    /// - Throws: ``BackupError`` `backup.configuration` when another process is backing the database up.
    public func run(
        databaseId: Int64, trigger: BackupRun.Trigger = .cli, started: @Sendable (BackupJob) -> Void = { _ in }
    ) async throws -> BackupRun {
        let lease = SchedulerConfiguration.leaseName(databaseId: databaseId)
        guard try await takeLease(lease) else {
            let holder = await (try? store.leaseHolder(lease, now: Date())).flatMap { $0 }.map { " (\($0))" } ?? ""
            throw BackupError(.backupConfiguration, "another backup of this database is running\(holder); try again when it ends")
        }
        do {
            let run = try await backUp(databaseId: databaseId, trigger: trigger, started: started)
            try? await store.releaseLease(lease, holder: holder)
            return run
        } catch {
            try? await store.releaseLease(lease, holder: holder)
            throw error
        }
    }

    /// Runs the backup under the lease: queues the run, runs the worker, records the outcome.
    private func backUp(databaseId: Int64, trigger: BackupRun.Trigger, started: @Sendable (BackupJob) -> Void) async throws -> BackupRun {
        let lease = SchedulerConfiguration.leaseName(databaseId: databaseId)
        let run = try await store.createRun(BackupRun(databaseId: databaseId, trigger: trigger, queuedAt: Date()))
        let job = BackupJob(runId: run.id ?? 0, databaseId: databaseId, scheduleId: nil, trigger: trigger, dueAt: nil)
        let ledger = RunLedger(store: store, logger: logger)
        try await ledger.start(job, at: Date())
        started(job)
        let renewal = Task { [store, holder, leaseDuration] in
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(leaseDuration / 3))
                _ = try? await store.renewLease(lease, holder: holder, duration: leaseDuration, now: Date())
            }
        }
        let outcome = await worker.runBackup(job)
        renewal.cancel()
        await ledger.finish(job, outcome, at: Date())
        return try await store.run(id: job.runId) ?? run
    }

    /// Takes the lease, or takes it over from a holder whose process is gone.
    func takeLease(_ lease: String) async throws -> Bool {
        if try await store.acquireLease(lease, holder: holder, duration: leaseDuration, now: Date()) { return true }
        guard let previous = try await store.leaseHolder(lease, now: Date()), LeaseHolder.isGoneLocalProcess(previous) else { return false }
        logger.warning("taking over the lease of a process that no longer exists", metadata: ["lease": "\(lease)", "holder": "\(previous)"])
        return try await store.takeOverLease(lease, from: previous, holder: holder, duration: leaseDuration, now: Date())
    }
}
