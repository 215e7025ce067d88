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

    public func failInterruptedRestoreJobs(at date: Date) throws -> Int {
        try write { db in
            try db.execute(
                sql: "UPDATE restore_job SET state = 'failed', finished_at = ?, error = 'interrupted: pgbm stopped while the restore was in progress' "
                    + "WHERE state NOT IN ('succeeded', 'failed', 'cancelled')",
                arguments: [date])
            return db.changesCount
        }
    }
}
