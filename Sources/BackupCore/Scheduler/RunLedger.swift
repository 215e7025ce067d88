import BackupRepository
import Foundation
import Logging

/// Moves a backup run's record through its states: the one place the scheduler and a manual run
/// (`pgbm-cli backup run`) write `running` and the outcome.
struct RunLedger {
    let store: any BackupRunRepository
    let logger: Logger

    /// `queued` → `running`.
    func start(_ job: BackupJob, at now: Date) async throws {
        _ = try await store.transitionRun(id: job.runId, to: .running, at: now) { $0.startedAt = now }
    }

    /// Writes the outcome (a final state the worker did not set becomes `failed`).
    func finish(_ job: BackupJob, _ outcome: BackupOutcome, at now: Date) async {
        let state: BackupRun.State = outcome.state.isFinal ? outcome.state : .failed
        do {
            _ = try await store.transitionRun(id: job.runId, to: state, at: now) { run in
                run.finishedAt = now
                run.error = outcome.error ?? (state == .failed ? "the backup worker ended without a result" : nil)
                run.sizeBytes = outcome.sizeBytes ?? run.sizeBytes
                run.checksum = outcome.checksum ?? run.checksum
            }
        } catch {
            logger.error("cannot record run outcome", metadata: ["run_id": "\(job.runId)", "error": "\(error)"])
        }
    }
}
