import Foundation
import GRDB

extension SQLiteStore {
    /// Runs newest (highest id) first, filtered, one keyset page at a time.
    ///
    /// The database and state filters use the `backup_run_by_database` / `backup_run_by_state` indexes
    /// (`(column, id)`), so a page costs the same at any depth; the time bounds are checked on the rows
    /// the index walk visits.
    public func runs(_ filter: RunFilter, limit: Int, cursor: String?) async throws -> Page<BackupRun> {
        try await page(Self.request(filter), limit: limit, cursor: cursor)
    }

    /// A page of runs with their files and every database (deleted ones too), read in one transaction:
    /// the run list's three reads in one trip to GRDB's reader queue.
    public func runPage(_ filter: RunFilter, limit: Int, cursor: String?) async throws -> RunPage {
        let after = try Cursor.decode(cursor)
        return try await read { db in
            let runs = try Self.page(Self.request(filter), limit: limit, after: after, in: db)
            let files = try Self.files(runIds: runs.items.compactMap(\.id), in: db)
            let databases = try ConfiguredDatabase.fetchAll(db)
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

    static func files(runIds: [Int64], in db: Database) throws -> [Int64: [BackupFile]] {
        guard !runIds.isEmpty else { return [:] }
        let files = try BackupFile.filter(runIds.contains(Column("run_id"))).order(Column("id")).fetchAll(db)
        return Dictionary(grouping: files, by: \.runId)
    }

    static func request(_ filter: RunFilter) -> QueryInterfaceRequest<BackupRun> {
        var request = BackupRun.all()
        if let databaseId = filter.databaseId { request = request.filter(Column("database_id") == databaseId) }
        if let state = filter.state { request = request.filter(Column("state") == state.rawValue) }
        if let since = filter.since { request = request.filter(Column("queued_at") >= since) }
        if let until = filter.until { request = request.filter(Column("queued_at") < until) }
        return request
    }

    /// Files that still have a local copy, newest (highest id) first, optionally of one database.
    public func localFiles(databaseId: Int64?, limit: Int, cursor: String?) async throws -> Page<BackupFile> {
        var request = BackupFile.filter(Column("local_path") != nil)
        if let databaseId { request = request.filter(Column("database_id") == databaseId) }
        return try await page(request, limit: limit, cursor: cursor)
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
        var request = AuditEvent.all()
        if let from = filter.from { request = request.filter(Column("at") >= from) }
        if let to = filter.to { request = request.filter(Column("at") < to) }
        if let action = filter.action { request = request.filter(Column("action") == action) }
        if let actor = filter.actor { request = request.filter(Column("actor") == actor) }
        if let targetType = filter.targetType { request = request.filter(Column("target_type") == targetType) }
        if let targetId = filter.targetId { request = request.filter(Column("target_id") == targetId) }
        if let outcome { request = request.filter(Column("outcome") == outcome.rawValue) }
        return try await page(request, limit: limit, cursor: cursor)
    }
}
