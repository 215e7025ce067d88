public import Foundation
import GRDB

extension SQLiteStore: BackupRunRepository {
    public func createRun(_ run: BackupRun) async throws -> BackupRun {
        var run = run
        run.state = .queued
        return try await insertNew(run)
    }

    public func transitionRun(
        id: Int64, to state: BackupRun.State, at date: Date, update: @escaping @Sendable (inout BackupRun) -> Void
    ) async throws -> BackupRun {
        try await write { db in
            guard var run = try BackupRun.fetchOne(db, key: id) else { throw StoreError(.notFound, "backup run \(id) does not exist") }
            guard run.state.successors.contains(state) else {
                throw StoreError(.invalidTransition, "backup run \(id) is \(run.state.rawValue) and cannot become \(state.rawValue)")
            }
            run.state = state
            if state == .running { run.startedAt = date }
            if state.isFinal { run.finishedAt = date }
            update(&run)
            try run.update(db)
            return run
        }
    }

    public func run(id: Int64) async throws -> BackupRun? {
        try await read { db in try BackupRun.fetchOne(db, key: id) }
    }

    public func runs(databaseId: Int64?, state: BackupRun.State?, limit: Int, cursor: String?) async throws -> Page<BackupRun> {
        var request = BackupRun.all()
        if let databaseId { request = request.filter(Column("database_id") == databaseId) }
        if let state { request = request.filter(Column("state") == state.rawValue) }
        return try await page(request, limit: limit, cursor: cursor)
    }

    public func addFile(_ file: BackupFile) async throws -> BackupFile {
        try await insertNew(file)
    }

    public func updateFile(_ file: BackupFile) async throws {
        try await write { db in try file.update(db) }
    }

    public func files(runId: Int64) async throws -> [BackupFile] {
        try await read { db in try BackupFile.filter(Column("run_id") == runId).order(Column("id")).fetchAll(db) }
    }

    public func files(databaseId: Int64) async throws -> [BackupFile] {
        try await read { db in try BackupFile.filter(Column("database_id") == databaseId).order(Column("created_at").desc).fetchAll(db) }
    }

    public func recordProgress(runId: Int64, bytes: Int64) async throws {
        try await write { db in
            try db.execute(
                sql: "UPDATE backup_run SET size_bytes = ? WHERE id = ? AND state = 'running'", arguments: [bytes, runId])
        }
    }

    public func failInterruptedRuns(at date: Date) async throws -> Int {
        try await failUnfinished(table: "backup_run", states: ["queued", "running"], what: "run", at: date)
    }
}

extension SQLiteStore {
    /// Inserts many runs and audit events in one transaction (benchmarks and imports).
    package func bulkInsert(runs: [BackupRun], events: [AuditEvent]) async throws {
        try await write { db in
            for var run in runs { try run.insert(db) }
            for var event in events { try event.insert(db) }
        }
    }
}
