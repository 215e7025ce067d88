import BackupRepository
import Foundation
import GRDB
import TestSupport
import Testing

/// Webhook and heartbeat URLs carry their receivers' tokens: the store seals them in the secret table
/// (`NotificationSettings.sealedFields`). Migration v5, which moves those an older pgbm stored in clear,
/// is tested with the alerts it must keep delivering (BackupCoreTests' SealedAlertURLTests).
@Suite("Sealed settings fields: webhook and heartbeat URLs")
struct SealedSettingsTests {
    static func canary() -> String { "Canary-URL-\(UUID().uuidString.prefix(8))" }

    static func notifications(_ canary: String) -> NotificationSettings {
        var value = NotificationSettings()
        value.webhookURLs = ["https://hooks.example.com/services/\(canary)/a", "https://chat.example.com/hook?token=\(canary)"]
        value.heartbeatURL = "https://hc.example.com/ping/\(canary)"
        value.onSuccess = true
        return value
    }

    /// The stored `notifications` document as plain JSON keys.
    static func documentKeys(_ path: String) throws -> Set<String> {
        let json = try DatabaseQueue(path: path).read { db in
            try String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = 'notifications'")
        }
        return Set(JSONValue(parsing: try #require(json))?.members.keys.map { $0 } ?? [])
    }

    @Test("saved URLs are sealed: in no byte of the store, its WAL or shm, and they read back")
    func savedURLsAreSealed() async throws {
        // Given notifications with a canary in both URLs, saved
        let fixture = try StoreFixture()
        let canary = Self.canary()
        try await fixture.store.saveSettings(Self.notifications(canary))
        // Then the canary is in no file, before and after a checkpoint
        #expect(StoreFiles.holding(canary, store: fixture.store.path).isEmpty)
        _ = try await fixture.store.checkpointedSize()
        #expect(StoreFiles.holding(canary, store: fixture.store.path).isEmpty)
        // And the document has no URL fields, the secret table names both, and the group reads back whole
        #expect(try Self.documentKeys(fixture.store.path).isDisjoint(with: ["webhook_urls", "heartbeat_url"]))
        #expect(Set(try await fixture.store.secretNames()).isSuperset(of: [.webhookURLs, .heartbeatURL]))
        #expect(try await fixture.store.settings(NotificationSettings.self) == Self.notifications(canary))
        #expect(try await fixture.reopen().settings(NotificationSettings.self) == Self.notifications(canary))
        // When both are cleared, then the secrets are gone and the group reads with none
        var cleared = Self.notifications(canary)
        (cleared.webhookURLs, cleared.heartbeatURL) = ([], nil)
        try await fixture.store.saveSettings(cleared)
        #expect(Set(try await fixture.store.secretNames()).isDisjoint(with: [.webhookURLs, .heartbeatURL]))
        #expect(try await fixture.store.settings(NotificationSettings.self) == cleared)
    }
}
