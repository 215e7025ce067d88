import BackupRepository
import Foundation
import GRDB
import Testing

@Suite("settings groups in the store")
struct SettingsStorageTests {
    static func general() -> GeneralSettings {
        var value = GeneralSettings()
        (value.installationId, value.backupDirectory, value.publicBaseURL) = (
            "id-1", "/srv/backups", "https://pgbm.example.com"
        )
        (value.concurrency, value.missedRunGraceSeconds, value.lockWaitTimeoutSeconds, value.maxRunSeconds) = (
            3, 60, 5, 600
        )
        return value
    }

    static func s3() -> S3Settings {
        var value = S3Settings()
        (value.enabled, value.bucket, value.accessKeyId, value.endpoint) = (
            true, "backups", "AKIA1", "https://minio:9000"
        )
        (value.pathStyle, value.partSizeMiB, value.maxParts, value.parallelParts) = (true, 32, 500, 8)
        return value
    }

    static func notifications() -> NotificationSettings {
        var value = NotificationSettings()
        (value.emailTransport, value.emailFrom, value.emailTo) = (.smtp, "pgbm@example.com", ["ops@example.com"])
        (value.smtpHost, value.smtpPort, value.smtpUser, value.smtpStartTLS) = ("mail", 2525, "pgbm", false)
        (value.webhookURLs, value.heartbeatURL, value.onSuccess, value.throttleMinutes) = (
            ["https://hook"], "https://beat", true, 5
        )
        return value
    }

    @Test("every group, acronym fields included, reads back what was saved")
    func groupsRoundTrip() async throws {
        // Given a store
        let store = try StoreFixture().store
        // When every group is saved with values other than its defaults
        try await store.saveSettings(Self.general())
        try await store.saveSettings(Self.s3())
        try await store.saveSettings(Self.notifications())
        // Then each reads back equal
        #expect(try await store.settings(GeneralSettings.self) == Self.general())
        #expect(try await store.settings(S3Settings.self) == Self.s3())
        #expect(try await store.settings(NotificationSettings.self) == Self.notifications())
    }

    @Test("stored keys are snake_case with acronyms as one word, as validation messages name them")
    func storedKeys() async throws {
        // Given groups with acronym fields saved
        let fixture = try StoreFixture()
        try await fixture.store.saveSettings(Self.general())
        try await fixture.store.saveSettings(Self.s3())
        try await fixture.store.saveSettings(Self.notifications())
        // When the stored documents are read as plain JSON
        // (a synchronous read: the documents are not Sendable)
        func readDocuments() throws -> [String: [String: Any]] {
            try DatabaseQueue(path: fixture.store.path).read { db in
                try Dictionary(
                    uniqueKeysWithValues: Row.fetchAll(db, sql: "SELECT key, value FROM setting").map { row in
                        (
                            row["key"] as String,
                            try JSONSerialization.jsonObject(with: Data((row["value"] as String).utf8)) as? [String: Any]
                                ?? [:]
                        )
                    })
            }
        }
        let documents = try readDocuments()
        // Then the acronym fields have the keys the API and the CLI use
        #expect(documents["general"]?.keys.contains("public_base_url") == true)
        #expect(documents["s3"]?.keys.contains("part_size_mib") == true)
        let notificationKeys = Set((documents["notifications"] ?? [:]).keys)
        #expect(notificationKeys.isSuperset(of: ["smtp_start_tls", "smtp_tls"]))
        // (the URLs are sealed in the secret table instead: SealedSettingsTests)
        #expect(notificationKeys.isDisjoint(with: ["webhook_urls", "heartbeat_url"]))
    }

    @Test("S3 part settings are checked while S3 is off too, so nothing stored contradicts the API's schema")
    func s3RangesWhileDisabled() {
        var value = S3Settings()
        value.enabled = false
        value.parallelParts = 65
        #expect(throws: StoreError.self) { try value.validate() }
        value.parallelParts = 4
        value.partSizeMiB = 4
        #expect(throws: StoreError.self) { try value.validate() }
        value.partSizeMiB = 8
        #expect(throws: Never.self) { try value.validate() }
    }
}
