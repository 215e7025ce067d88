import BackupAPI
import BackupCore
import BackupRepository
import BackupStorage
import Foundation
import HTTPTypes
import HummingbirdTesting
import Logging
import NIOCore
import TestSupport
import Testing

@Suite("Settings: S3 test, key generation", .timeLimit(.minutes(1)))
struct SettingsActionTests {
    @Test(.enabled(if: APIFixture.s3Available, "run Scripts/test"))
    func s3TestPassesAgainstTheRealBucket() async throws {
        let fixture = try await APIFixture()
        let bucket = "api-s3-test-\(UUID().uuidString.prefix(8).lowercased())"
        try await fixture.test { client in
            // Given S3 settings saved through the API and the bucket created
            let put = try await client.send(
                .put, "/api/config/settings", json: #"{"s3": \#(try APIFixture.s3Section(bucket: bucket, prefix: ""))}"#
            )
            #expect(put.status == .ok, "\(put.text)")
            let store = try #require(try await fixture.services.s3.store(settings: fixture.store))
            try await store.client.createBucket()
            // When the stored settings are tested
            let response = try await client.send(.post, "/api/config/settings/s3/test")
            // Then the test passed
            #expect(response.status == .ok)
            let body = try JSONBody(response)
            #expect(body["ok"]?.bool == true, "\(response.text)")
            #expect(body["bucket"]?.string == bucket)
        }
    }

    @Test(.enabled(if: APIFixture.s3Available, "run Scripts/test"))
    func s3TestWithAWrongSecretIsOkFalseWithACode() async throws {
        let fixture = try await APIFixture()
        let secret = try TestServices.value("PGBM_TEST_S3_SECRET_KEY")
        try await fixture.test { client in
            _ = try await client.send(
                .put, "/api/config/settings",
                json: #"{"s3": \#(try APIFixture.s3Section(bucket: "api-s3-wrong", prefix: ""))}"#)
            // When the body's secret (a wrong one) is tested over the stored settings
            let response = try await client.send(
                .post, "/api/config/settings/s3/test", json: #"{"secret_key": "Wrong-Canary-\#(secret.prefix(4))x"}"#)
            // Then the test ran and says the credentials are bad, without the secret
            #expect(response.status == .ok)
            let body = try JSONBody(response)
            #expect(body["ok"]?.bool == false)
            #expect(body["error"]?["code"]?.string == "bad_credentials", "\(response.text)")
            #expect(!response.text.contains("Wrong-Canary") && !response.text.contains(secret))
            // And the stored secret is unchanged
            #expect(try await fixture.store.secret(.s3SecretKey)?.revealed == secret)
        }
    }

    @Test(.enabled(if: APIFixture.s3Available, "run Scripts/test"))
    func s3TestOfAMissingBucketSaysSo() async throws {
        let fixture = try await APIFixture()
        try await fixture.test { client in
            _ = try await client.send(
                .put, "/api/config/settings",
                json: #"{"s3": \#(try APIFixture.s3Section(bucket: "api-s3-missing", prefix: ""))}"#)
            let response = try await client.send(
                .post, "/api/config/settings/s3/test",
                json: #"{"bucket": "api-no-such-bucket-\#(UUID().uuidString.prefix(6).lowercased())"}"#)
            let body = try JSONBody(response)
            #expect(body["ok"]?.bool == false)
            #expect(body["error"]?["code"]?.string == "bucket_missing", "\(response.text)")
        }
    }

    @Test func s3TestWithoutSettingsIsA422() async throws {
        let fixture = try await APIFixture()
        try await fixture.test { client in
            try expectError(
                try await client.send(.post, "/api/config/settings/s3/test"), status: .unprocessableContent,
                code: "invalid", field: "s3.bucket")
            try expectError(
                try await client.send(
                    .post, "/api/config/settings/s3/test", json: #"{"bucket": "b", "access_key_id": "AK"}"#),
                status: .unprocessableContent, code: "invalid", field: "s3.secret_key")
            try expectError(
                try await client.send(.post, "/api/config/settings/s3/test", json: #"{"part_size_mib": "big"}"#),
                status: .unprocessableContent, code: "invalid", field: "s3.part_size_mib")
        }
    }

    @Test func generateKeyStoresANewActivePassphraseAndShowsItOnce() async throws {
        let fixture = try await APIFixture()
        try await fixture.test { client in
            // When two keys are generated
            let first = try await client.send(.post, "/api/config/settings/encryption/generate-key")
            let second = try await client.send(.post, "/api/config/settings/encryption/generate-key")
            // Then each is a 201 with a strong passphrase and its id
            #expect(first.status == .created && second.status == .created)
            let (one, two) = (try JSONBody(first), try JSONBody(second))
            let passphrase = try #require(two["passphrase"]?.string)
            let id = try #require(two["id"]?.string)
            #expect(passphrase.count == 43)
            #expect(two["encryption_enabled"]?.bool == true)
            #expect(try await fixture.store.secret(.passphrase(id))?.revealed == passphrase)
            // And the newest is active, the older kept for old backups, encryption on
            let settings = try JSONBody(try await client.send(.get, "/api/config/settings"))["encryption"]
            #expect(settings?["enabled"]?.bool == true)
            #expect(settings?["active_passphrase_id"]?.string == id)
            let listed = settings?["passphrases"]?.array ?? []
            #expect(listed.map { $0["id"]?.string } == [one["id"]?.string, id])
            #expect(listed.map { $0["active"]?.bool } == [false, true])
            #expect(!(try await client.send(.get, "/api/config/settings")).text.contains(passphrase))
            // And the audit log has the ids, never the passphrase
            let audits = try await fixture.audits("encryption.passphrase.generate")
            #expect(audits.map(\.targetId) == [id, one["id"]?.string])
            #expect(try await !fixture.auditText().contains(passphrase))
        }
    }
}
