import Foundation
import GRDB

extension SQLiteStore {
    /// Inserts a new record (any id it carries is ignored) and returns it with its id.
    func insertNew<Record: IdentifiedRecord & Sendable>(_ record: Record) async throws -> Record {
        var record = record
        record.id = nil
        return try await write { [record] db in
            var record = record
            try record.insert(db)
            return record
        }
    }

    /// Marks rows of `table` in one of `states` failed with an "interrupted" error: start-up after a crash.
    func failUnfinished(table: String, states: [String], what: String, at date: Date) async throws -> Int {
        try await write { db in
            try db.execute(
                sql: "UPDATE \(table) SET state = 'failed', finished_at = ?, error = ? WHERE state IN (\(databaseQuestionMarks(count: states.count)))",
                arguments: StatementArguments([date, "interrupted: pgbm stopped while the \(what) was in progress"] + states))
            return db.changesCount
        }
    }

    /// One keyset page of `request`, newest (highest id) first.
    func page<Record: IdentifiedRecord & Sendable>(
        _ request: QueryInterfaceRequest<Record>, limit: Int, cursor: String?
    ) async throws -> Page<Record> {
        let after = try Cursor.decode(cursor)
        return try await read { db in try Self.page(request, limit: limit, after: after, in: db) }
    }

    /// One keyset page of the rows of `table` that match every condition (SQL with at most one `?`, and
    /// its value), newest (highest id) first, after the id `after`, inside a transaction. The SQL text
    /// depends only on which conditions are given, so its prepared statement is cached and reused: the list
    /// routes read a page per request, and building and preparing the query each time cost more than
    /// running it.
    static func page<Record: IdentifiedRecord>(
        from table: String, where conditions: [(sql: String, value: DatabaseValue?)], limit: Int, after: Int64?,
        in db: Database
    ) throws -> Page<Record> {
        var clauses = conditions.map(\.sql)
        var arguments = StatementArguments(conditions.compactMap(\.value))
        if let after {
            clauses.append("id < ?")
            arguments += [after]
        }
        arguments += [limit]
        let filter = clauses.isEmpty ? "" : " WHERE " + clauses.joined(separator: " AND ")
        let statement = try db.cachedStatement(sql: "SELECT * FROM \(table)\(filter) ORDER BY id DESC LIMIT ?")
        let items = try Record.fetchAll(statement, arguments: arguments)
        return Page(items: items, nextCursor: Cursor.encode(lastId: items.last?.id, pageFull: items.count == limit))
    }

    /// One keyset page of `request` after the id `after` (decoded from a cursor), inside a transaction.
    static func page<Record: IdentifiedRecord>(
        _ request: QueryInterfaceRequest<Record>, limit: Int, after: Int64?, in db: Database
    ) throws -> Page<Record> {
        var request = request.order(Column("id").desc).limit(limit)
        if let after { request = request.filter(Column("id") < after) }
        let items = try request.fetchAll(db)
        return Page(items: items, nextCursor: Cursor.encode(lastId: items.last?.id, pageFull: items.count == limit))
    }
}
