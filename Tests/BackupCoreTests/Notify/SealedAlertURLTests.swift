import BackupCore
@testable import BackupRepository
import Foundation
import GRDB
import Logging
import TestSupport
import Testing

/// Webhook and heartbeat URLs are sealed in the secret table, never in clear in the store's files, and the
/// alerts still reach the real receivers through them: after a save, and after migration v5 moved the URLs
/// an older pgbm kept in the `setting` table.
@Suite("Sealed webhook and heartbeat URLs still deliver", .timeLimit(.minutes(1)))
struct SealedAlertURLTests {
    let dir: TemporaryDirectory
    let canary = "Canary-Hook-\(UUID().uuidString.prefix(8))"
    let logger = Logger(label: "pgbm.test.sealed") { _ in SwiftLogNoOpLogHandler() }
    var storePath: String { dir.path("data/backup_manager.db") }

    init() throws {
        dir = try TemporaryDirectory()
    }

    @Test("URLs saved with a canary token are in no store file, and a failed backup reaches both receivers")
    func savedURLsDeliver() async throws {
        // Given a webhook and a heartbeat URL whose paths hold the canary, saved through the settings service
        let receiver = try await HookReceiver()
        let manager = try await open()
        _ = try await manager.settings.update(
            ["notifications": ["webhook_urls": .array([.string(hook(receiver))]), "heartbeat_url": .string(ping(receiver))]],
            by: Caller(kind: .system, name: "test"))
        // Then no byte of the store, its WAL or shm holds the canary, before or after a checkpoint
        #expect(StoreFiles.holding(canary, store: storePath).isEmpty)
        _ = try await (manager.store as? SQLiteStore)?.checkpointedSize()
        #expect(StoreFiles.holding(canary, store: storePath).isEmpty)
        // And a failed backup still reaches both receivers at their full URLs
        try await expectAlertsDelivered(manager, receiver)
    }

    @Test("a store from before v5 with the URLs in clear ends with them sealed and still delivering")
    func migratedURLsDeliver() async throws {
        // Given a store made by migrations v1-v4 whose notifications document holds both URLs in clear
        let receiver = try await HookReceiver()
        try FileManager.default.createDirectory(atPath: dir.path("data"), withIntermediateDirectories: true)
        let pool = try DatabasePool(path: storePath)
        try StoreMigrations.migrator(masterKey: nil).migrate(pool, upTo: StoreMigrations.names[3])
        let document = JSONValue.object([
            "webhook_urls": .array([.string(hook(receiver))]), "heartbeat_url": .string(ping(receiver)), "throttle_minutes": .integer(0),
        ])
        try await pool.write { db in
            try db.execute(sql: "INSERT INTO setting (key, value) VALUES ('notifications', ?)", arguments: [document.jsonText])
        }
        try pool.close()
        #expect(!StoreFiles.holding(canary, store: storePath).isEmpty, "the old store holds the URLs in clear")
        // When pgbm opens it
        let manager = try await open()
        // Then the canary is in no store file, the document lost the URL fields, both are sealed
        #expect(StoreFiles.holding(canary, store: storePath).isEmpty)
        let fields = try await manager.settings.show().sections["notifications"]?.members ?? [:]
        #expect(fields["webhook_urls_set"] == .bool(true) && fields["heartbeat_url_set"] == .bool(true) && fields["throttle_minutes"] == .integer(0))
        #expect(Set(try await manager.store.secretNames()).isSuperset(of: [.webhookURLs, .heartbeatURL]))
        // And a failed backup reaches both receivers through the sealed URLs
        try await expectAlertsDelivered(manager, receiver)
    }

    func hook(_ receiver: HookReceiver) -> String { "\(receiver.base)/hook/\(canary)" }
    func ping(_ receiver: HookReceiver) -> String { "\(receiver.base)/ping/\(canary)" }

    func open() async throws -> BackupManager {
        var configuration = BackupManager.Configuration(
            dataDirectory: dir.path("data"), backupDirectory: dir.path("backups"), environment: [:], role: .embedded)
        configuration.notifier = NotifierConfiguration(attempts: 1, backoff: .milliseconds(20), timeout: .seconds(2))
        return try await BackupManager.open(configuration, logger: logger)
    }

    /// Backs up a database on a port nothing listens on, and expects the webhook POST and the `/fail` ping
    /// at the receiver, with the canary in neither the audit log nor the webhook's body.
    func expectAlertsDelivered(_ manager: BackupManager, _ receiver: HookReceiver) async throws {
        let database = try await manager.databases.create(
            ConfiguredDatabase(name: "app", host: "127.0.0.1", port: try FreePort.next(), database: "app", user: "backup", sslMode: .disable),
            password: nil, by: Caller(kind: .system, name: "test"))
        let run = try await manager.backUpNow(databaseId: database.id)
        await manager.notifier.drain()
        #expect(run.state == .failed)
        let requests = await receiver.waitFor(2, timeout: .seconds(2))
        #expect(Set(requests.map(\.path)) == ["/hook/\(canary)", "/ping/\(canary)/fail"], "\(requests.map(\.path))")
        #expect(requests.first { $0.method == "POST" }?.json["event"] as? String == "backup_failed")
        let audit = try await manager.store.events(AuditFilter(), limit: 100, cursor: nil).items.map(\.details)
        #expect(!(audit + requests.map(\.body)).contains { $0.contains(canary) })
        await manager.shutdown()
        await receiver.stop()
    }
}
