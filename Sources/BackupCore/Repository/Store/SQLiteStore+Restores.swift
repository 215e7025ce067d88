public import Foundation
import GRDB

extension SQLiteStore: RestoreJobRepository {
    public func createRestoreJob(_ job: RestoreJob) throws -> RestoreJob {
        try insertNew(job)
    }

    public func updateRestoreJob(_ job: RestoreJob) throws {
        try write { db in try job.update(db) }
    }

    public func restoreJob(id: Int64) throws -> RestoreJob? {
        try read { db in try RestoreJob.fetchOne(db, key: id) }
    }

    public func restoreJobs(limit: Int, cursor: String?) throws -> Page<RestoreJob> {
        try page(RestoreJob.all(), limit: limit, cursor: cursor)
    }

    public func unfinishedRestoreJobs() throws -> [RestoreJob] {
        let unfinished = RestoreJob.State.allCases.filter { !$0.isFinal }.map(\.rawValue)
        return try read { db in try RestoreJob.filter(unfinished.contains(Column("state"))).order(Column("id")).fetchAll(db) }
    }

    public func failInterruptedRestoreJobs(at date: Date) throws -> Int {
        let unfinished = RestoreJob.State.allCases.filter { !$0.isFinal }.map(\.rawValue)
        return try failUnfinished(table: "restore_job", states: unfinished, what: "restore", at: date)
    }
}
