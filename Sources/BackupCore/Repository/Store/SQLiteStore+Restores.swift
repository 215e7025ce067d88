public import Foundation
import GRDB

extension SQLiteStore: RestoreJobRepository {
    public func createRestoreJob(_ job: RestoreJob) throws -> RestoreJob {
        var job = job
        job.id = nil
        return try write { db in
            try job.insert(db)
            return job
        }
    }

    public func updateRestoreJob(_ job: RestoreJob) throws {
        try write { db in try job.update(db) }
    }

    public func restoreJob(id: Int64) throws -> RestoreJob? {
        try read { db in try RestoreJob.fetchOne(db, key: id) }
    }

    public func restoreJobs(limit: Int, cursor: String?) throws -> Page<RestoreJob> {
        let after = try Cursor.decode(cursor)
        return try read { db in
            var request = RestoreJob.order(Column("id").desc).limit(limit)
            if let after { request = request.filter(Column("id") < after) }
            let items = try request.fetchAll(db)
            return Page(items: items, nextCursor: Cursor.encode(lastId: items.last?.id, pageFull: items.count == limit))
        }
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
