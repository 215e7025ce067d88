public import Foundation
import GRDB

extension SQLiteStore: LeaseManager {
    public func acquireLease(_ name: String, holder: String, duration: TimeInterval, now: Date) async throws -> Bool {
        try await write { db in
            // One statement: insert, or take over when expired or already ours; SQLite serializes writers.
            try db.execute(
                sql: """
                    INSERT INTO lease (name, holder, expires_at) VALUES (?, ?, ?)
                    ON CONFLICT(name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
                    WHERE lease.expires_at <= ? OR lease.holder = excluded.holder
                    """,
                arguments: [name, holder, now.addingTimeInterval(duration), now])
            return db.changesCount == 1
        }
    }

    public func renewLease(_ name: String, holder: String, duration: TimeInterval, now: Date) async throws -> Bool {
        try await write { db in
            try db.execute(
                sql: "UPDATE lease SET expires_at = ? WHERE name = ? AND holder = ?",
                arguments: [now.addingTimeInterval(duration), name, holder])
            return db.changesCount == 1
        }
    }

    public func releaseLease(_ name: String, holder: String) async throws {
        try await write { db in
            try db.execute(sql: "DELETE FROM lease WHERE name = ? AND holder = ?", arguments: [name, holder])
        }
    }

    public func leaseHolder(_ name: String, now: Date) async throws -> String? {
        try await read { db in
            try String.fetchOne(db, sql: "SELECT holder FROM lease WHERE name = ? AND expires_at > ?", arguments: [name, now])
        }
    }

    public func takeOverLease(_ name: String, from previous: String, holder: String, duration: TimeInterval, now: Date) async throws -> Bool {
        try await write { db in
            try db.execute(
                sql: "UPDATE lease SET holder = ?, expires_at = ? WHERE name = ? AND holder = ?",
                arguments: [holder, now.addingTimeInterval(duration), name, previous])
            return db.changesCount == 1
        }
    }
}
