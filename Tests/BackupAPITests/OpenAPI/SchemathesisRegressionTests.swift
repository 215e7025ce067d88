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

    @Test func otherGeneralChangesStillWork() async throws {
        let fixture = try await APIFixture()
        try await fixture.test { client in
            let response = try await client.send(.put, "/api/config/settings", json: #"{"general": {"concurrency": 3}}"#)
            #expect(response.status == .ok)
        }
        #expect(try await fixture.store.settings(GeneralSettings.self).concurrency == 3)
    }
}
