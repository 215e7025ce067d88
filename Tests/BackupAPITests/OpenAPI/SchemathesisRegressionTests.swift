@testable import BackupAPI
import BackupRepository
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// Server bugs Schemathesis found by fuzzing the OpenAPI document against a real server; one test each.
@Suite("Schemathesis regressions")
struct SchemathesisRegressionTests {
    /// `PUT /api/config/settings {"general": {"backup_directory": ""}}` was accepted: every later backup
    /// failed ("the backup folder is not set") and every stored file answered 404 on download.
    @Test(arguments: [#"{"general": {"backup_directory": ""}}"#, #"{"general": {"backup_directory": null}}"#])
    func emptyBackupDirectoryIsRefused(body: String) async throws {
        let fixture = try await APIFixture()
        let before = try await fixture.store.settings(GeneralSettings.self).backupDirectory
        try await fixture.test { client in
            let response = try await client.send(.put, "/api/config/settings", json: body)
            try expectError(response, status: .unprocessableContent, code: "invalid", field: "general.backup_directory")
        }
        #expect(try await fixture.store.settings(GeneralSettings.self).backupDirectory == before)
    }

    /// `PUT /api/config/settings {"s3": {"parallel_parts": 65}}` was stored while S3 was off (the ranges were
    /// checked only when it was on), so every later `GET` showed a value above the documented maximum; the
    /// SMTP port likewise while email went elsewhere.
    @Test(arguments: [
        (#"{"s3": {"parallel_parts": 65}}"#, "s3.parallel_parts"), (#"{"s3": {"part_size_mib": 4}}"#, "s3.part_size_mib"),
        (#"{"s3": {"max_parts": 10001}}"#, "s3.max_parts"), (#"{"notifications": {"smtp_port": 70000}}"#, "notifications.smtp_port"),
    ])
    func rangesHoldWhileSwitchedOff(body: String, field: String) async throws {
        let fixture = try await APIFixture()
        try await fixture.test { client in
            let response = try await client.send(.put, "/api/config/settings", json: body)
            try expectError(response, status: .unprocessableContent, code: "invalid", field: field)
        }
        #expect(try await fixture.store.settings(S3Settings.self) == S3Settings())
        #expect(try await fixture.store.settings(NotificationSettings.self).smtpPort == 587)
    }

    @Test func otherGeneralChangesStillWork() async throws {
        let fixture = try await APIFixture()
        try await fixture.test { client in
            let response = try await client.send(.put, "/api/config/settings", json: #"{"general": {"concurrency": 3}}"#)
            #expect(response.status == .ok)
        }
        #expect(try await fixture.store.settings(GeneralSettings.self).concurrency == 3)
    }
}
