import BackupAPI
import BackupCore
import BackupRepository
import BackupStorage
import Foundation
import HTTPTypes
import HummingbirdTesting
import TestSupport
import Testing

@Suite("Backup files: deleting S3 copies (moto S3)")
struct BackupFileS3Tests {
    static var available: Bool {
        TestServices.available("PGBM_TEST_S3_ENDPOINT", "PGBM_TEST_S3_ACCESS_KEY", "PGBM_TEST_S3_SECRET_KEY")
    }

    @Test(.enabled(if: available))
    func onlyObjectsOfThisInstallationAreDeleted() async throws {
        // Given S3 on, an older backup uploaded by this installation and a newer one whose manifest names another
        let fixture = try await APIFixture()
        let bucket = try await Self.configureS3(fixture)
        let app = try await fixture.seedDatabase("app")
        let installation = try await fixture.store.settings(GeneralSettings.self).installationId
        let base = Date(timeIntervalSince1970: 1_790_000_000)
        let own = try await Self.upload(fixture, bucket: bucket, databaseId: app, at: base, installationId: installation)
        let foreign = try await Self.upload(fixture, bucket: bucket, databaseId: app, at: base.addingTimeInterval(60), installationId: "someone-else")
        try await fixture.test { client in
            // When the foreign object is deleted from S3, then it is refused and stays
            try expectError(
                try await client.send(.delete, "/api/backups/files/\(foreign.fileName)?scope=s3&force=true"), status: .conflict,
                code: "s3_refused")
            #expect(try await bucket.client.head(key: foreign.s3Key ?? "") != nil)
            // When this installation's older backup is deleted everywhere, then object, manifest and file are gone
            let deleted = try await client.send(.delete, "/api/backups/files/\(own.fileName)?scope=all")
            #expect(deleted.status == .ok)
            #expect(try JSONBody(deleted)["in_s3"]?.bool == false)
            #expect(try await bucket.client.head(key: own.s3Key ?? "") == nil)
            #expect(try await bucket.client.head(key: (own.s3Key ?? "") + ".json") == nil)
            #expect(!FileManager.default.fileExists(atPath: own.localPath ?? ""))
        }
        let record = try await fixture.store.file(named: own.fileName)
        #expect(record?.s3Key == nil && record?.localPath == nil)
    }

    static func configureS3(_ fixture: APIFixture) async throws -> S3Store {
        var s3 = S3Settings()
        let bucket = "pgbm-api-\(UInt32.random(in: 0...UInt32.max))"
        (s3.enabled, s3.bucket, s3.endpoint, s3.pathStyle) = (true, bucket, try TestServices.value("PGBM_TEST_S3_ENDPOINT"), true)
        (s3.accessKeyId, s3.prefix) = (try TestServices.value("PGBM_TEST_S3_ACCESS_KEY"), "pgbm")
        try await fixture.store.saveSettings(s3)
        try await fixture.store.setSecret(Secret(try TestServices.value("PGBM_TEST_S3_SECRET_KEY")), for: .s3SecretKey)
        let store = try #require(try await fixture.services.s3.store(settings: fixture.store))
        try await store.client.createBucket()
        return store
    }

    /// A local backup with a real manifest naming `installationId`, uploaded with it; the record has its key.
    static func upload(_ fixture: APIFixture, bucket: S3Store, databaseId: Int64, at: Date, installationId: String) async throws -> BackupFile {
        var file = try await fixture.seedFile(databaseId, at: at)
        let path = try #require(file.localPath)
        let manifest = BackupManifest(
            installationId: installationId, databaseId: databaseId, databaseName: "app", databaseSlug: "app", fileName: file.fileName,
            serverVersion: "15.8", pgDumpVersion: "15.8", pgDumpMajor: 15, format: "custom", compression: "zstd", startedAt: at,
            finishedAt: at, sizeBytes: file.sizeBytes, sha256: file.sha256, encrypted: false, iterations: nil, passphraseId: nil,
            scheduleId: nil, runId: file.runId, verification: nil)
        try manifest.encoded().write(to: URL(fileURLWithPath: path + ".json"))
        let key = try ObjectKey("app/" + file.fileName)
        _ = try await bucket.put(file: path, as: key)
        _ = try await bucket.put(file: path + ".json", as: try ObjectKey("app/" + file.fileName + ".json"))
        file.s3Key = bucket.s3Key(key)
        try await fixture.store.updateFile(file)
        return file
    }
}
