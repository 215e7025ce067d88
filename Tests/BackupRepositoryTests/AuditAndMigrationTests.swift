@testable import BackupRepository
import Foundation
import GRDB
import TestSupport
import Testing

@Suite("Audit log and migrations")
struct AuditAndMigrationTests {
    @Test("audit rows cannot be changed or deleted through SQL")
    func auditIsAppendOnly() async throws {
        let store = try StoreFixture().store
        let event = try await store.append(AuditEvent(at: Date(timeIntervalSince1970: 1_800_000_000), actorKind: .cli, actor: "cli", action: "database.create", outcome: .success))
        for sql in ["UPDATE audit_event SET outcome = 'failure'", "DELETE FROM audit_event", "UPDATE audit_event SET details = '{}' WHERE id = 1"] {
            #expect(throws: DatabaseError.self) { try store.writer.write { db in try db.execute(sql: sql) } }
        }
        #expect(stored(try await store.events(AuditFilter(), limit: 10, cursor: nil).items) == stored([event]))
    }

    @Test("audit events filter by time, action, actor and target")
    func auditFilters() async throws {
        let store = try StoreFixture().store
        let base = Date(timeIntervalSince1970: 1_800_000_000)
        for (index, action) in ["backup.run", "database.create", "backup.run", "settings.update"].enumerated() {
            try await store.append(AuditEvent(
                at: base.addingTimeInterval(Double(index) * 60), actorKind: .user, actor: index == 3 ? "alice" : "bob",
                action: action, targetType: "database", targetId: "\(index % 2)", outcome: .success))
        }
        func count(_ filter: AuditFilter) async throws -> Int { try await store.events(filter, limit: 100, cursor: nil).items.count }
        #expect(try await count(AuditFilter(action: "backup.run")) == 2)
        #expect(try await count(AuditFilter(actor: "alice")) == 1)
        #expect(try await count(AuditFilter(targetType: "database", targetId: "1")) == 2)
        #expect(try await count(AuditFilter(from: base.addingTimeInterval(60), to: base.addingTimeInterval(180))) == 2)
    }

    @Test("a store made by the first migration upgrades, keeping its rows")
    func upgradeFromPreviousVersion() async throws {
        // Given a store created by migration v1 only, with a row in it
        let dir = try TemporaryDirectory()
        try FileManager.default.createDirectory(atPath: dir.path("data"), withIntermediateDirectories: true)
        let pool = try DatabasePool(path: dir.path("data/backup_manager.db"))
        try StoreMigrations.migrator(masterKey: nil).migrate(pool, upTo: StoreMigrations.names[0])
        try await pool.write { db in
            try db.execute(sql: """
                INSERT INTO configured_database (name, slug, host, port, database, user, ssl_mode, options, retention_time_zone, created_at)
                VALUES ('old', 'old', 'h', 5432, 'd', 'u', 'prefer', '', 'UTC', '2026-01-01 00:00:00.000')
                """)
        }
        try pool.close()
        // When the current code opens it
        let store = try SQLiteStore.open(dataDirectory: dir.path("data"), environment: [:], logger: StoreFixture.logger)
        // Then every migration ran and the row is intact
        let applied = try await store.writer.read { db in try StoreMigrations.migrator(masterKey: nil).appliedIdentifiers(db) }
        #expect(applied == Set(StoreMigrations.names))
        #expect(try await store.databases(includingDeleted: false).map(\.name) == ["old"])
        let indexes = try await store.writer.read { db in try db.indexes(on: "backup_run").map(\.name) }
        #expect(indexes.contains("backup_run_by_database"))
    }

    @Test("an empty folder gets every migration and WAL mode")
    func freshStore() throws {
        let store = try StoreFixture().store
        let (applied, mode) = try store.writer.read { db in
            (try StoreMigrations.migrator(masterKey: nil).appliedIdentifiers(db), try String.fetchOne(db, sql: "PRAGMA journal_mode"))
        }
        #expect(applied == Set(StoreMigrations.names))
        #expect(mode == "wal")
    }
}
