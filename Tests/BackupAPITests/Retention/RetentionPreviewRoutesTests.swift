import BackupAPI
import BackupCore
import BackupRepository
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@Suite("Retention preview")
struct RetentionPreviewRoutesTests {
    @Test func previewSaysWhatThePolicyKeepsAndDeletesAndWhy() async throws {
        // Given a policy keeping the last 2 backups, 4 successful backups (one also in S3) and a failed one
        let fixture = try await APIFixture()
        var policy = RetentionSettings()
        (policy.keepLast, policy.daily, policy.weekly, policy.monthly, policy.yearly) = (2, 0, 0, 0, 0)
        try await fixture.store.saveSettings(policy)
        let app = try await fixture.seedDatabase("app")
        let base = Date().addingTimeInterval(-10 * 86_400)
        var seeded: [BackupFile] = []
        for day in 0..<4 {
            seeded.append(try await fixture.seedFile(app, at: base.addingTimeInterval(Double(day) * 86_400), s3Key: day == 0 ? "pgbm/app/first" : nil))
        }
        let files = seeded
        try await fixture.test { client in
            // When the preview is read
            let response = try await client.send(.get, "/api/retention/preview?database_id=\(app)")
            #expect(response.status == .ok)
            let body = try JSONBody(response)
            // Then the two newest local copies are kept, the older two deleted, the only S3 copy kept
            let local = body["items"]?.array.filter { $0["location"]?.string == "local" } ?? []
            #expect(local.compactMap { $0["name"]?.string } == files.reversed().map(\.fileName))
            #expect(local.compactMap { $0["keep"]?.bool } == [true, true, false, false])
            #expect(local.last?["reasons"]?.array.compactMap(\.string) == [RetentionDecision.Reason.notKept])
            #expect(body["policy"]?["keep_last"]?.int == 2)
            #expect(body["delete_count"]?.int == 2)
            #expect(body["kept_count"]?.int == 3)
            #expect(body["bytes_freed"]?.int == 2 * (files.first.map { Int($0.sizeBytes) } ?? 0))
            // And location narrows it to one place
            let s3 = try JSONBody(try await client.send(.get, "/api/retention/preview?database_id=\(app)&location=s3"))
            #expect(s3["items"]?.array.compactMap { $0["key"]?.string } == ["pgbm/app/first"])
            #expect(s3["items"]?.array.first?["keep"]?.bool == true)
            #expect(s3["items"]?.array.first?["reasons"]?.array.isEmpty == false)
        }
        // Nothing was deleted
        #expect(files.allSatisfy { FileManager.default.fileExists(atPath: $0.localPath ?? "") })
    }

    @Test func missingOrBadParametersAre422AndUnknownDatabase404() async throws {
        let fixture = try await APIFixture()
        let app = try await fixture.seedDatabase("app")
        try await fixture.test { client in
            try expectError(
                try await client.send(.get, "/api/retention/preview"), status: .unprocessableContent, code: "invalid", field: "database_id")
            try expectError(
                try await client.send(.get, "/api/retention/preview?database_id=\(app)&location=tape"), status: .unprocessableContent,
                code: "invalid", field: "location")
            try expectError(try await client.send(.get, "/api/retention/preview?database_id=99"), status: .notFound, code: "not_found")
        }
    }
}
