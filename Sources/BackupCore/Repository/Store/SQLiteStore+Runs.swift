public import Foundation
import GRDB

extension SQLiteStore: BackupRunRepository {
    public func createRun(_ run: BackupRun) throws -> BackupRun {
        var run = run
        run.state = .queued
        return try insertNew(run)
    }

    public func transitionRun(
        id: Int64, to state: BackupRun.State, at date: Date, update: @Sendable (inout BackupRun) -> Void
    ) throws -> BackupRun {
        try write { db in
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

    public func run(id: Int64) throws -> BackupRun? {
        try read { db in try BackupRun.fetchOne(db, key: id) }
    }

    public func runs(databaseId: Int64?, state: BackupRun.State?, limit: Int, cursor: String?) throws -> Page<BackupRun> {
        var request = BackupRun.all()
        if let databaseId { request = request.filter(Column("database_id") == databaseId) }
        if let state { request = request.filter(Column("state") == state.rawValue) }
        return try page(request, limit: limit, cursor: cursor)
    }

    public func addFile(_ file: BackupFile) throws -> BackupFile {
        try insertNew(file)
    }

    public func updateFile(_ file: BackupFile) throws {
        try write { db in try file.update(db) }
    }

    public func files(runId: Int64) throws -> [BackupFile] {
        try read { db in try BackupFile.filter(Column("run_id") == runId).order(Column("id")).fetchAll(db) }
    }

    public func files(databaseId: Int64) throws -> [BackupFile] {
        try read { db in try BackupFile.filter(Column("database_id") == databaseId).order(Column("created_at").desc).fetchAll(db) }
    }

    public func recordProgress(runId: Int64, bytes: Int64) throws {
        try write { db in
            try db.execute(
                sql: "UPDATE backup_run SET size_bytes = ? WHERE id = ? AND state = 'running'", arguments: [bytes, runId])
        }
    }

    public func failInterruptedRuns(at date: Date) throws -> Int {
        try failUnfinished(table: "backup_run", states: ["queued", "running"], what: "run", at: date)
    }
}

extension SQLiteStore {
    /// Inserts many runs and audit events in one transaction (benchmarks and imports).
    package func bulkInsert(runs: [BackupRun], events: [AuditEvent]) throws {
        try write { db in
            for var run in runs { try run.insert(db) }
            for var event in events { try event.insert(db) }
        }
    }
}
