public import Foundation

/// Restore jobs and their progress.
public protocol RestoreJobRepository: Sendable {
    func createRestoreJob(_ job: RestoreJob) async throws -> RestoreJob
    func updateRestoreJob(_ job: RestoreJob) async throws
    func restoreJob(id: Int64) async throws -> RestoreJob?
    func restoreJobs(limit: Int, cursor: String?) async throws -> Page<RestoreJob>
    /// The jobs not yet in a final state, oldest first.
    func unfinishedRestoreJobs() async throws -> [RestoreJob]
    /// Marks every unfinished job failed ("interrupted"): for start-up after a crash.
    func failInterruptedRestoreJobs(at date: Date) async throws -> Int
}
