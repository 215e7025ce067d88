public import Foundation

/// Restore jobs and their progress.
public protocol RestoreJobRepository: Sendable {
    func createRestoreJob(_ job: RestoreJob) throws -> RestoreJob
    func updateRestoreJob(_ job: RestoreJob) throws
    func restoreJob(id: Int64) throws -> RestoreJob?
    func restoreJobs(limit: Int, cursor: String?) throws -> Page<RestoreJob>
    /// The jobs not yet in a final state, oldest first.
    func unfinishedRestoreJobs() throws -> [RestoreJob]
    /// Marks every unfinished job failed ("interrupted"): for start-up after a crash.
    func failInterruptedRestoreJobs(at date: Date) throws -> Int
}
