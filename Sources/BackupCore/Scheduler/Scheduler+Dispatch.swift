import BackupRepository
import Foundation
import Logging

/// A run waiting for a free slot or for its database's lease.
struct QueuedJob: Sendable {
    let job: BackupJob
    var waitingForLease = false
}

/// A run handed to the worker.
struct RunningJob: Sendable {
    let job: BackupJob
    let task: Task<Void, Never>
    let startedAt: Date
    var renewAt: Date
}

extension Scheduler {
    /// Cancels the queued (not yet running) backups a schedule triggered.
    func cancelQueued(scheduleId: Int64) async {
        let now = clock.now()
        let cancelled = queue.filter { $0.job.scheduleId == scheduleId }
        queue.removeAll { $0.job.scheduleId == scheduleId }
        for queued in cancelled {
            await finishRecord(queued.job, .cancelled, now: now)
            emit(.finished(queued.job, .cancelled, duration: 0))
        }
    }

    /// Cancels a queued or running backup. A running one ends when its worker returns.
    /// - Returns: Whether the run was queued or running here.
    @discardableResult
    public func cancel(runId: Int64) async -> Bool {
        if let index = queue.firstIndex(where: { $0.job.runId == runId }) {
            let job = queue.remove(at: index).job
            await finishRecord(job, .cancelled, now: clock.now())
            emit(.finished(job, .cancelled, duration: 0))
            return true
        }
        guard let entry = running.values.first(where: { $0.job.runId == runId }) else { return false }
        entry.task.cancel()
        return true
    }

    /// Creates the queued run record, or joins the run of the same database already queued or running.
    ///
    /// The run record is written while other calls may reach the actor; a second trigger of the same
    /// database meanwhile waits for that record and joins it (``enqueuing``), so a database never has two
    /// pending runs.
    func enqueue(databaseId: Int64, scheduleId: Int64?, trigger: BackupRun.Trigger, dueAt: Date?, now: Date) async throws -> BackupJob {
        if let creating = enqueuing[databaseId] {
            let existing = try await creating.value
            coalesced(databaseId: databaseId, scheduleId: scheduleId, into: existing)
            return existing
        }
        if let existing = pendingJob(databaseId: databaseId) {
            coalesced(databaseId: databaseId, scheduleId: scheduleId, into: existing)
            return existing
        }
        let store = self.store
        let creating = Task {
            let run = try await store.createRun(BackupRun(databaseId: databaseId, scheduleId: scheduleId, trigger: trigger, queuedAt: now))
            return BackupJob(runId: run.id ?? 0, databaseId: databaseId, scheduleId: scheduleId, trigger: trigger, dueAt: dueAt)
        }
        enqueuing[databaseId] = creating
        defer { enqueuing[databaseId] = nil }
        let job = try await creating.value
        queue.append(QueuedJob(job: job))
        logger.info("backup queued", metadata: ["database_id": "\(databaseId)", "run_id": "\(job.runId)", "trigger": "\(trigger)"])
        emit(.queued(job))
        return job
    }

    private func coalesced(databaseId: Int64, scheduleId: Int64?, into existing: BackupJob) {
        logger.info(
            "backup already queued or running; trigger joins it",
            metadata: ["database_id": "\(databaseId)", "run_id": "\(existing.runId)"])
        emit(.coalesced(databaseId: databaseId, scheduleId: scheduleId, into: existing))
    }

    func pendingJob(databaseId: Int64) -> BackupJob? {
        running[databaseId]?.job ?? starting[databaseId] ?? queue.first { $0.job.databaseId == databaseId }?.job
    }

    /// Starts queued runs in order while there is room and their database's lease can be taken.
    ///
    /// Runs are looked up by id after each store call: a cancel may have removed one meanwhile.
    func dispatch(now: Date) async {
        for runId in queue.map(\.job.runId) {
            guard running.count + starting.count < configuration.concurrency else { return }
            guard let job = queue.first(where: { $0.job.runId == runId })?.job, starting[job.databaseId] == nil else { continue }
            guard await acquireLease(job, now: now) else {
                if let index = queue.firstIndex(where: { $0.job.runId == runId }), !queue[index].waitingForLease {
                    queue[index].waitingForLease = true
                    logger.info("backup waits for another process's run of the database", metadata: ["run_id": "\(job.runId)"])
                    emit(.waitingForLease(job))
                }
                continue
            }
            guard let index = queue.firstIndex(where: { $0.job.runId == runId }) else {
                // Cancelled while the lease was taken.
                await releaseLease(job)
                continue
            }
            queue.remove(at: index)
            await start(job, now: now)
        }
    }

    func acquireLease(_ job: BackupJob, now: Date) async -> Bool {
        let name = SchedulerConfiguration.leaseName(databaseId: job.databaseId)
        do {
            return try await store.acquireLease(name, holder: configuration.holder, duration: configuration.leaseDuration, now: now)
        } catch {
            logger.error("cannot take lease", metadata: ["lease": "\(name)", "error": "\(error)"])
            return false
        }
    }

    func start(_ job: BackupJob, now: Date) async {
        starting[job.databaseId] = job
        do {
            try await RunLedger(store: store, logger: logger).start(job, at: now)
        } catch {
            starting[job.databaseId] = nil
            logger.error("cannot start run", metadata: ["run_id": "\(job.runId)", "error": "\(error)"])
            await releaseLease(job)
            await finishRecord(job, .failed("could not start: \(error)"), now: now)
            return
        }
        starting[job.databaseId] = nil
        let worker = self.worker
        let task = Task {
            let outcome = await worker.runBackup(job)
            await self.finished(job, outcome)
        }
        running[job.databaseId] = RunningJob(
            job: job, task: task, startedAt: now, renewAt: now.addingTimeInterval(configuration.leaseDuration / 3))
        logger.info("backup started", metadata: ["database_id": "\(job.databaseId)", "run_id": "\(job.runId)"])
        emit(.started(job))
    }

    /// Records a worker's outcome. The job counts as active (``probe()``) until its record is written.
    func finished(_ job: BackupJob, _ result: BackupOutcome) async {
        let now = clock.now()
        var outcome = result
        if let grace = interruptedByShutdown, outcome.state == .cancelled {
            outcome = .failed("interrupted: pgbm-server stopped and the backup did not finish within the shutdown grace of \(grace)")
        }
        let startedAt = running.removeValue(forKey: job.databaseId)?.startedAt ?? now
        finishing += 1
        await releaseLease(job)
        await finishRecord(job, outcome, now: now)
        finishing -= 1
        if outcome.state == .succeeded {
            lastSuccess[job.databaseId] = now
            overdue.remove(job.databaseId)
        }
        logger.log(
            level: outcome.state == .succeeded ? .info : .warning, "backup finished",
            metadata: ["database_id": "\(job.databaseId)", "run_id": "\(job.runId)", "state": "\(outcome.state)"])
        emit(.finished(job, outcome, duration: now.timeIntervalSince(startedAt)))
        wake()
    }

    /// Writes the outcome to the run record.
    func finishRecord(_ job: BackupJob, _ outcome: BackupOutcome, now: Date) async {
        await RunLedger(store: store, logger: logger).finish(job, outcome, at: now)
    }

    func releaseLease(_ job: BackupJob) async {
        do {
            try await store.releaseLease(SchedulerConfiguration.leaseName(databaseId: job.databaseId), holder: configuration.holder)
        } catch {
            logger.error("cannot release lease", metadata: ["database_id": "\(job.databaseId)", "error": "\(error)"])
        }
    }

    /// Extends the leases of running backups before they expire.
    func renewLeases(now: Date) async {
        for (databaseId, entry) in running where entry.renewAt <= now {
            let name = SchedulerConfiguration.leaseName(databaseId: databaseId)
            let held = (try? await store.renewLease(name, holder: configuration.holder, duration: configuration.leaseDuration, now: now)) ?? false
            if !held {
                logger.error("lost the lease of a running backup; cancelling it", metadata: ["database_id": "\(databaseId)"])
                entry.task.cancel()
            }
            running[databaseId]?.renewAt = now.addingTimeInterval(configuration.leaseDuration / 3)
        }
    }
}
