import Foundation
import GRDB

extension SQLiteStore {
    /// Runs newest (highest id) first, filtered, one keyset page at a time.
    ///
    /// The database and state filters use the `backup_run_by_database` / `backup_run_by_state` indexes
    /// (`(column, id)`), so a page costs the same at any depth; the time bounds are checked on the rows
    /// the index walk visits.
    public func runs(_ filter: RunFilter, limit: Int, cursor: String?) async throws -> Page<BackupRun> {
        let after = try Cursor.decode(cursor)
        return try await read { db in try Self.page(from: "backup_run", where: Self.conditions(filter), limit: limit, after: after, in: db) }
    }

    /// A page of runs with their files and every database (deleted ones too), read in one transaction:
    /// the run list's three reads in one trip to GRDB's reader queue.
    public func runPage(_ filter: RunFilter, limit: Int, cursor: String?) async throws -> RunPage {
        let after = try Cursor.decode(cursor)
        return try await read { db in
            let runs: Page<BackupRun> = try Self.page(from: "backup_run", where: Self.conditions(filter), limit: limit, after: after, in: db)
            let files = try Self.files(runIds: runs.items.compactMap(\.id), in: db)
            let databases = try ConfiguredDatabase.fetchAll(db.cachedStatement(sql: "SELECT * FROM configured_database"))
            return RunPage(
                runs: runs, files: files,
                databases: Dictionary(databases.compactMap { database in database.id.map { ($0, database) } }, uniquingKeysWith: { first, _ in first }))
        }
    }

    /// The files of the runs `runIds`, by run id (oldest file first within a run).
    public func files(runIds: [Int64]) async throws -> [Int64: [BackupFile]] {
        guard !runIds.isEmpty else { return [:] }
        return try await read { db in try Self.files(runIds: runIds, in: db) }
    }

    /// The ids go in as one JSON array, so the statement's text is the same for any page (and cached).
    static func files(runIds: [Int64], in db: Database) throws -> [Int64: [BackupFile]] {
        guard !runIds.isEmpty else { return [:] }
        let statement = try db.cachedStatement(
            sql: "SELECT * FROM backup_file WHERE run_id IN (SELECT value FROM json_each(?)) ORDER BY id")
        let files = try BackupFile.fetchAll(statement, arguments: ["[" + runIds.map(String.init).joined(separator: ",") + "]"])
        return Dictionary(grouping: files, by: \.runId)
    }

    /// The run list's filter as SQL conditions for ``page(from:where:limit:after:in:)``.
    static func conditions(_ filter: RunFilter) -> [(sql: String, value: DatabaseValue?)] {
        var conditions: [(sql: String, value: DatabaseValue?)] = []
        if let databaseId = filter.databaseId { conditions.append(("database_id = ?", databaseId.databaseValue)) }
        if let state = filter.state { conditions.append(("state = ?", state.rawValue.databaseValue)) }
        if let since = filter.since { conditions.append(("queued_at >= ?", since.databaseValue)) }
        if let until = filter.until { conditions.append(("queued_at < ?", until.databaseValue)) }
        return conditions
    }

    /// Files that still have a local copy, newest (highest id) first, optionally of one database.
    public func localFiles(databaseId: Int64?, limit: Int, cursor: String?) async throws -> Page<BackupFile> {
        var conditions: [(sql: String, value: DatabaseValue?)] = [("local_path IS NOT NULL", nil)]
        if let databaseId { conditions.append(("database_id = ?", databaseId.databaseValue)) }
        let (after, localConditions) = (try Cursor.decode(cursor), conditions)
        return try await read { db in try Self.page(from: "backup_file", where: localConditions, limit: limit, after: after, in: db) }
    }

    /// A page of local files and every database (deleted ones too), read in one transaction: the file
    /// list's two reads in one trip to GRDB's reader queue.
    public func localFilePage(databaseId: Int64?, limit: Int, cursor: String?) async throws -> (files: Page<BackupFile>, databases: [Int64: ConfiguredDatabase]) {
        var conditions: [(sql: String, value: DatabaseValue?)] = [("local_path IS NOT NULL", nil)]
        if let databaseId { conditions.append(("database_id = ?", databaseId.databaseValue)) }
        let (after, localConditions) = (try Cursor.decode(cursor), conditions)
        return try await read { db in
            let files: Page<BackupFile> = try Self.page(from: "backup_file", where: localConditions, limit: limit, after: after, in: db)
            let databases = try ConfiguredDatabase.fetchAll(db.cachedStatement(sql: "SELECT * FROM configured_database"))
            return (files, Dictionary(databases.compactMap { database in database.id.map { ($0, database) } }, uniquingKeysWith: { first, _ in first }))
        }
    }

    /// The newest record of a file by its stored name (`app_20261126T020000Z.dump.zst.enc`).
    public func file(named name: String) async throws -> BackupFile? {
        try await read { db in
            try BackupFile.filter(Column("file_name") == name).order(Column("id").desc).fetchOne(db)
        }
    }

    /// The states of the runs `ids`.
    public func runStates(ids: [Int64]) async throws -> [Int64: BackupRun.State] {
        guard !ids.isEmpty else { return [:] }
        return try await read { db in
            let runs = try BackupRun.filter(ids.contains(Column("id"))).fetchAll(db)
            return Dictionary(uniqueKeysWithValues: runs.compactMap { run in run.id.map { ($0, run.state) } })
        }
    }

    /// Audit events newest first, filtered by `filter` and, when given, by `outcome`.
    public func events(_ filter: AuditFilter, outcome: AuditEvent.Outcome?, limit: Int, cursor: String?) async throws -> Page<AuditEvent> {
        var conditions: [(sql: String, value: DatabaseValue?)] = []
        if let from = filter.from { conditions.append(("at >= ?", from.databaseValue)) }
        if let to = filter.to { conditions.append(("at < ?", to.databaseValue)) }
        if let action = filter.action { conditions.append(("action = ?", action.databaseValue)) }
        if let actor = filter.actor { conditions.append(("actor = ?", actor.databaseValue)) }
        if let targetType = filter.targetType { conditions.append(("target_type = ?", targetType.databaseValue)) }
        if let targetId = filter.targetId { conditions.append(("target_id = ?", targetId.databaseValue)) }
        if let outcome { conditions.append(("outcome = ?", outcome.rawValue.databaseValue)) }
        let (after, eventConditions) = (try Cursor.decode(cursor), conditions)
        return try await read { db in try Self.page(from: "audit_event", where: eventConditions, limit: limit, after: after, in: db) }
    }
}
