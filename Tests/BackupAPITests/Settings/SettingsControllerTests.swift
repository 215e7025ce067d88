import BackupAPI
@testable import BackupCore
import BackupRepository
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import TestSupport
import Testing

@Suite("Settings: show and update", .timeLimit(.minutes(1)))
struct SettingsControllerTests {
    static let canary = "Canary-Settings-7d1c55"

    @Test func showListsEverySectionWithSecretsAsFlags() async throws {
        let fixture = try await APIFixture()
        try await fixture.test { client in
            // When the settings of a fresh installation are read
            let response = try await client.send(.get, "/api/config/settings")
            // Then every section is there, secrets only as flags
            #expect(response.status == .ok)
            let body = try JSONBody(response)
            #expect(body.keys == ["general", "backup", "s3", "encryption", "notifications", "retention"])
            #expect(body["general"]?["backup_directory"]?.string == fixture.directory.path("backups"))
            #expect(body["general"]?["concurrency"]?.int == 2)
            #expect(body["s3"]?["secret_key_set"]?.bool == false)
            #expect(body["s3"]?["secret_key"] == nil)
            #expect(body["notifications"]?["smtp_password_set"]?.bool == false)
            #expect(body["notifications"]?["ses_secret_key_set"]?.bool == false)
            #expect(body["notifications"]?["webhook_urls_set"]?.bool == false)
            #expect(body["notifications"]?["heartbeat_url_set"]?.bool == false)
            #expect(body["encryption"]?["enabled"]?.bool == false)
            #expect(body["retention"]?["keep_last"]?.int == 7)
        }
    }

    @Test func secretsAreWriteOnlyAndNeverAudited() async throws {
        let fixture = try await APIFixture()
        try await fixture.test { client in
            // Given secrets and token-bearing URLs set through the API
            let canary = Self.canary
            let put = try await client.send(
                .put, "/api/config/settings",
                json: #"""
                    {"s3": {"enabled": true, "bucket": "b", "access_key_id": "AKIDTEST", "secret_key": "\#(canary)"},
                     "notifications": {"smtp_password": "\#(canary)", "ses_secret_key": "\#(canary)",
                                       "webhook_urls": ["https://hooks.example.com/\#(canary)"], "heartbeat_url": "https://hc.example.com/\#(canary)"}}
                    """#)
            #expect(put.status == .ok, "\(put.text)")
            // Then they are stored, shown as set, and appear in no response and no audit entry
            let shown = try await client.send(.get, "/api/config/settings")
            let body = try JSONBody(shown)
            #expect(body["s3"]?["secret_key_set"]?.bool == true)
            #expect(body["s3"]?["bucket"]?.string == "b")
            #expect(body["notifications"]?["smtp_password_set"]?.bool == true)
            #expect(body["notifications"]?["ses_secret_key_set"]?.bool == true)
            #expect(body["notifications"]?["webhook_urls_set"]?.bool == true)
            #expect(body["notifications"]?["webhook_url_count"]?.int == 1)
            #expect(body["notifications"]?["heartbeat_url_set"]?.bool == true)
            #expect(try await fixture.store.secret(.s3SecretKey)?.revealed == canary)
            #expect(
                try await fixture.store.settings(NotificationSettings.self).heartbeatURL == "https://hc.example.com/\(canary)"
            )
            for text in [put.text, shown.text, try await fixture.auditText()] { #expect(!text.contains(canary)) }
            // And no byte of the store, its WAL or shm holds it: the URLs are sealed like the secrets
            #expect(StoreFiles.holding(canary, store: fixture.directory.path("data/backup_manager.db")).isEmpty)
            let audits = try await fixture.audits("settings.update")
            #expect(Set(audits.compactMap(\.targetId)) == ["s3", "notifications"])
            #expect(audits.first { $0.targetId == "s3" }?.details.contains(#""secret_key":"set""#) == true)
        }
    }

    @Test func partialUpdateChangesOnlyTheSectionGivenAndKeepsSecrets() async throws {
        let fixture = try await APIFixture()
        try await fixture.store.setSecret(Secret(Self.canary), for: .s3SecretKey)
        try await fixture.test { client in
            // Given retention changed once
            _ = try await client.send(.put, "/api/config/settings", json: #"{"retention": {"daily": 30}}"#)
            // When only S3 changes, without a secret
            let response = try await client.send(
                .put, "/api/config/settings",
                json: #"{"s3": {"bucket": "other", "enabled": true, "access_key_id": "AK"}}"#)
            // Then retention keeps its change, S3 has the new bucket, and the stored secret stays
            #expect(response.status == .ok, "\(response.text)")
            let body = try JSONBody(response)
            #expect(body["retention"]?["daily"]?.int == 30)
            #expect(body["retention"]?["weekly"]?.int == 4)
            #expect(body["s3"]?["bucket"]?.string == "other")
            #expect(body["s3"]?["secret_key_set"]?.bool == true)
            #expect(try await fixture.store.secret(.s3SecretKey)?.revealed == Self.canary)
        }
    }

    @Test func nullOrEmptyClearsASecretAndAnOptionalField() async throws {
        let fixture = try await APIFixture()
        try await fixture.store.setSecret(Secret(Self.canary), for: .smtpPassword)
        var notifications = NotificationSettings()
        notifications.heartbeatURL = "https://hc.example.com/x"
        try await fixture.store.saveSettings(notifications)
        try await fixture.test { client in
            let response = try await client.send(
                .put, "/api/config/settings",
                json: #"{"notifications": {"smtp_password": null, "heartbeat_url": null}}"#)
            #expect(response.status == .ok, "\(response.text)")
            #expect(try JSONBody(response)["notifications"]?["smtp_password_set"]?.bool == false)
            #expect(try await fixture.store.secret(.smtpPassword) == nil)
            #expect(try await fixture.store.settings(NotificationSettings.self).heartbeatURL == nil)
            #expect(
                try await fixture.audits("settings.update").first?.details.contains(#""smtp_password":"removed""#) == true)
        }
    }

    @Test(arguments: [
        (#"{"s3": {"enabled": true, "bucket": "", "access_key_id": "AK", "secret_key": "x"}}"#, "s3.bucket"),
        (#"{"notifications": {"smtp_port": "twenty-five"}}"#, "notifications.smtp_port"),
        (
            #"{"notifications": {"email_transport": "smtp", "email_from": "a@example.com", "email_to": ["b@example.com"], "smtp_host": "h", "smtp_port": 0}}"#,
            "notifications.smtp_port"
        ),
        (#"{"retention": {"daily": -1}}"#, "retention.daily"),
        (#"{"general": {"concurrency": 0}}"#, "general.concurrency"),
        (#"{"general": {"installation_id": "mine"}}"#, "general.installation_id"),
        (#"{"general": {"no_such_key": 1}}"#, "general.no_such_key"),
        (#"{"backup": {"format": null}}"#, "backup.format"),
        (#"{"s3": {"enabled": true, "bucket": "b", "access_key_id": "AK"}}"#, "s3.secret_key"),
        (#"{"s3": {"secret_key": 5}}"#, "s3.secret_key"),
        (#"{"encryption": {"enabled": true}}"#, "encryption.passphrase"),
        (#"{"mystery": {}}"#, "mystery"),
        (#"{"s3": 5}"#, "s3"),
    ])
    func invalidFieldIsA422NamingIt(body: String, field: String) async throws {
        let fixture = try await APIFixture()
        try await fixture.test { client in
            let response = try await client.send(.put, "/api/config/settings", json: body)
            try expectError(response, status: .unprocessableContent, code: "invalid", field: field)
        }
    }

    @Test func nothingIsStoredWhenAnySectionIsInvalid() async throws {
        let fixture = try await APIFixture()
        try await fixture.test { client in
            // When a valid retention change comes with an invalid general one
            let response = try await client.send(
                .put, "/api/config/settings",
                json: #"{"retention": {"daily": 30}, "s3": {"secret_key": "new"}, "general": {"concurrency": 99}}"#)
            // Then nothing changed and nothing was audited
            try expectError(response, status: .unprocessableContent, code: "invalid", field: "general.concurrency")
            #expect(try await fixture.store.settings(RetentionSettings.self).daily == 7)
            #expect(try await fixture.store.secret(.s3SecretKey) == nil)
            #expect(try await fixture.audits("settings.update").isEmpty)
        }
    }

    @Test func notAnObjectIsA400() async throws {
        let fixture = try await APIFixture()
        try await fixture.test { client in
            try expectError(
                try await client.send(.put, "/api/config/settings", json: "[1]"), status: .badRequest,
                code: "invalid_json")
        }
    }

    @Test func schedulerSettingsAreStoredInGeneralAndReachTheScheduler() async throws {
        let fixture = try await APIFixture()
        try await fixture.test { client in
            let response = try await client.send(
                .put, "/api/config/settings", json: #"{"general": {"concurrency": 4, "missed_run_grace_seconds": 600}}"#
            )
            #expect(response.status == .ok)
            let general = try await fixture.store.settings(GeneralSettings.self)
            #expect(general.concurrency == 4 && general.missedRunGraceSeconds == 600)
            // And the running scheduler has them
            let applied = await fixture.services.scheduler.configuration
            #expect(applied.concurrency == 4 && applied.missedRunGrace == 600)
            // And the audit event lists both changes, old and new, as `pgbm-cli settings set` records them
            let details = try #require(try await fixture.audits("settings.update").first?.details)
            #expect(details.contains(#""concurrency":{"from":"#) && details.contains(#""missed_run_grace_seconds":{"from":"#), "\(details)")
        }
    }
}
