public import Foundation
import GRDB

extension SQLiteStore {
    /// Bytes of the backup files recorded with a local copy (the backup folder's usage by pgbm).
    public func localFileBytes() async throws -> Int64 {
        try await read { db in
            try Int64.fetchOne(db, sql: "SELECT COALESCE(SUM(size_bytes), 0) FROM backup_file WHERE local_path IS NOT NULL") ?? 0
        }
    }

    /// The finish time of each database's newest successful run (one indexed lookup per database).
    public func lastSuccesses(databaseIds: [Int64]) async throws -> [Int64: Date] {
        try await read { db in
            var result: [Int64: Date] = [:]
            for id in databaseIds {
                let date = try Date.fetchOne(
                    db,
                    sql: """
                        SELECT finished_at FROM backup_run INDEXED BY backup_run_by_database
                        WHERE database_id = ? AND state = 'succeeded' ORDER BY id DESC LIMIT 1
                        """,
                    arguments: [id])
                result[id] = date
            }
            return result
        }
    }

    /// Whether the store answers a trivial query.
    public func ping() async throws {
        try await read { db in _ = try Int.fetchOne(db, sql: "SELECT 1") }
    }
}
