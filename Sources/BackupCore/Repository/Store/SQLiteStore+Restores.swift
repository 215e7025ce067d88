public import Foundation
import GRDB

extension SQLiteStore: RestoreJobRepository {
    public func createRestoreJob(_ job: RestoreJob) async throws -> RestoreJob {
        try await insertNew(job)
    }

    public func updateRestoreJob(_ job: RestoreJob) async throws {
        try await write { db in try job.update(db) }
    }

    public func restoreJob(id: Int64) async throws -> RestoreJob? {
        try await read { db in try RestoreJob.fetchOne(db, key: id) }
    }

    public func restoreJobs(limit: Int, cursor: String?) async throws -> Page<RestoreJob> {
        try await page(RestoreJob.all(), limit: limit, cursor: cursor)
    }

    public func unfinishedRestoreJobs() async throws -> [RestoreJob] {
        let unfinished = RestoreJob.State.allCases.filter { !$0.isFinal }.map(\.rawValue)
        return try await read { db in try RestoreJob.filter(unfinished.contains(Column("state"))).order(Column("id")).fetchAll(db) }
    }

    public func failInterruptedRestoreJobs(at date: Date) async throws -> Int {
        let unfinished = RestoreJob.State.allCases.filter { !$0.isFinal }.map(\.rawValue)
        return try await failUnfinished(table: "restore_job", states: unfinished, what: "restore", at: date)
    }
}
