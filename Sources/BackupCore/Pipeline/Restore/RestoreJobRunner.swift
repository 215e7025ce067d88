import BackupRepository
import Foundation
import Logging

/// Runs one job to its end: records each phase and the progress in the store, the outcome, the audit
/// event; removes the job's scratch files.
struct RestoreJobRunner: Sendable {
    let store: any RestoreStore
    let pipeline: RestorePipeline
    let holder: String
    let requester: RestoreService.Requester
    let logger: Logger
    let onFinish: @Sendable (RestoreJob) -> Void

    /// Progress reaches the store at most this often.
    static let progressInterval = Duration.milliseconds(500)

    func run(_ queued: RestoreJob, request: RestoreRequest) async -> RestoreJob {
        var job = queued
        let id = job.id ?? 0
        var logger = self.logger
        logger[metadataKey: "restore_job_id"] = "\(id)"
        job.startedAt = Date()
        job.holder = holder
        var started = RestoreDetails()
        started.scratchDirectory = pipeline.scratchDirectory
        job.details = started.json
        await save(job)
        let reporter = Task { await report(jobId: id) }
        let outcome: Result<RestoreDetails, BackupError>
        do {
            outcome = .success(try await pipeline.run(jobId: id, request: request))
        } catch {
            // A cancelled job is cancelled whichever step noticed it first (a query, pg_restore, a read).
            outcome = .failure(Task.isCancelled ? BackupError(.restoreCancelled, "cancelled") : RestorePipeline.failure(error))
        }
        reporter.cancel()
        _ = await reporter.result
        job = await (try? store.restoreJob(id: id)) ?? job
        await finish(&job, outcome)
        if case .upload(let path, _) = request.source { try? FileManager.default.removeItem(atPath: path) }
        RestoreRecovery.removeScratchFiles(jobId: id, in: pipeline.scratchDirectory)
        await audit(job, request: request, outcome: outcome)
        switch outcome {
        case .success: logger.info("restore succeeded", metadata: ["target": "\(job.target)"])
        case .failure(let failure): logger.error("restore failed", metadata: ["reason": "\(failure.code.kind)", "error": "\(failure.message)"])
        }
        onFinish(job)
        return job
    }

    /// Ends a job cancelled while it waited for a slot: recorded `cancelled`, audited, its upload removed.
    func cancelBeforeStart(_ queued: RestoreJob, request: RestoreRequest) async -> RestoreJob {
        var job = queued
        job.state = .cancelled
        job.error = "cancelled"
        job.finishedAt = Date()
        await save(job)
        if case .upload(let path, _) = request.source { try? FileManager.default.removeItem(atPath: path) }
        await audit(job, request: request, outcome: .failure(BackupError(.restoreCancelled, "cancelled")))
        onFinish(job)
        return job
    }

    private func finish(_ job: inout RestoreJob, _ outcome: Result<RestoreDetails, BackupError>) async {
        let snapshot = pipeline.progress.snapshot()
        job.finishedAt = Date()
        job.totalBytes = snapshot.total ?? job.totalBytes
        switch outcome {
        case .success(let details):
            job.state = .succeeded
            var details = details
            details.scratchDirectory = pipeline.scratchDirectory
            job.details = details.json
            job.progressBytes = job.totalBytes ?? snapshot.bytes
            job.error = nil
        case .failure(let failure):
            job.state = failure.code == .restoreCancelled ? .cancelled : .failed
            job.error = failure.message
        }
        await save(job)
    }

    /// Writes the phase and byte count to the store until cancelled.
    private func report(jobId: Int64) async {
        while !Task.isCancelled {
            let snapshot = pipeline.progress.snapshot()
            if var job = try? await store.restoreJob(id: jobId), !job.state.isFinal {
                job.state = snapshot.state
                job.totalBytes = snapshot.total ?? job.totalBytes
                job.progressBytes = snapshot.bytes
                await save(job)
            }
            try? await Task.sleep(for: Self.progressInterval)
        }
    }

    private func save(_ job: RestoreJob) async {
        do {
            try await store.updateRestoreJob(job)
        } catch {
            logger.error("cannot record the restore job", metadata: ["error": "\(error)"])
        }
    }

    private func audit(_ job: RestoreJob, request: RestoreRequest, outcome: Result<RestoreDetails, BackupError>) async {
        var details: [String: Any] = ["source": request.source.kind, "state": job.state.rawValue]
        if case .failure(let failure) = outcome {
            details["reason"] = failure.code.kind
            details["error"] = failure.message
        }
        let event = AuditEvent(
            actorKind: requester.kind, actor: requester.name, action: "restore.run", targetType: "restore_job",
            targetId: job.id.map(String.init), outcome: job.state == .succeeded ? .success : .failure,
            details: RestoreJobRecord.json(details))
        _ = try? await store.append(event)
    }
}
