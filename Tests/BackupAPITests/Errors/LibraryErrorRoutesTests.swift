import BackupAPI
import BackupCore
import BackupRepository
import Foundation
import HTTPTypes
import HummingbirdTesting
import PostgresTestSupport
import TestSupport
import Testing

/// Failures the libraries report, through the real app, with what `Docs/ERRORS.md` says the API answers.
@Suite("API: library failures through the routes", .serialized, .timeLimit(.minutes(3)))
struct LibraryErrorRoutesTests {
    @Test("an S3 endpoint nothing listens on is a 504 storage.unreachable, not a 500")
    func storageUnreachableIs504() async throws {
        // Given S3 settings naming a port nothing listens on, and a backup whose copy is recorded in S3
        let fixture = try await APIFixture()
        var s3 = S3Settings()
        (s3.enabled, s3.bucket, s3.endpoint, s3.pathStyle) = (true, "pgbm-unreachable", "http://127.0.0.1:\(try FreePort.next())", true)
        s3.accessKeyId = "AKIAEXAMPLE"
        try await fixture.store.saveSettings(s3)
        try await fixture.store.setSecret(Secret("not-a-real-secret"), for: .s3SecretKey)
        let app = try await fixture.seedDatabase("app")
        let file = try await fixture.seedFile(app, at: Date(timeIntervalSince1970: 1_790_000_000), s3Key: "app/app.dump.zst")
        try await fixture.test { client in
            // When its S3 copy is deleted
            let response = try await client.send(.delete, "/api/backups/files/\(file.fileName)?scope=s3&force=true")
            // Then the answer names the storage failure with a gateway status, and the message says why
            try expectError(response, status: .gatewayTimeout, code: "storage.unreachable")
            #expect(try JSONBody(response)["error"]?["message"]?.string?.contains("cannot reach S3 endpoint") == true, "\(response.text)")
            #expect(!response.text.contains("not-a-real-secret"))
        }
    }

    @Test("a backup file with a changed byte fails verification, naming the damage", .enabled(if: TestServer.available))
    func corruptedFileFailsVerification() async throws {
        // Given an encrypted backup of a real database, made through the API
        let fixture = try await APIFixture()
        try await fixture.useTools(of: BackupRunPostgresTests.server)
        await fixture.services.scheduler.start()
        defer { Task { await fixture.services.scheduler.stop() } }
        try await BackupRunPostgresTests.server.withDatabase(rows: 500) { name in
            try await fixture.test { client in
                _ = try await fixture.enableEncryption(client)
                let db = try await BackupRunPostgresTests.register(name, client: client)
                let runId = try #require(try JSONBody(try await client.send(.post, "/api/backups/run/\(db)"))["run_id"]?.int)
                let run = try await BackupRunPostgresTests.poll(runId, client: client) { $0 == "succeeded" || $0 == "failed" }
                #expect(run["state"]?.string == "succeeded", "\(run["error"]?.string ?? "")")
                // When a byte in the middle of the stored file is changed and the file is verified
                let stored = try #require(try await fixture.store.files(runId: Int64(runId)).first?.localPath)
                var bytes = try Data(contentsOf: URL(fileURLWithPath: stored))
                bytes[bytes.count / 2] ^= 0xFF
                try bytes.write(to: URL(fileURLWithPath: stored))
                let verified = try await client.send(.post, "/api/backups/\(runId)/verify")
                // Then the verification failed and says the data is corrupted
                #expect(verified.status == .ok)
                #expect(try JSONBody(verified)["result"]?.string == "failed")
                #expect(try JSONBody(verified)["message"]?.string?.contains("corrupted") == true, "\(verified.text)")
            }
        }
    }

    @Test(
        "a PostgreSQL 16 database with only pg_dump 15 here fails its run naming both majors and the way out",
        .enabled(if: TestServer.available))
    func pgDumpTooOld() async throws {
        // Given a database on PostgreSQL 16, and no pg_dump 16 or newer configured or installed
        let debianMajors = ((try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []).compactMap(Int.init)
        try #require(debianMajors.allSatisfy { $0 < 16 }, "Debian's /usr/lib/postgresql has a pg_dump 16 or newer: \(debianMajors)")
        let fixture = try await APIFixture()
        var settings = try await fixture.store.settings(BackupSettings.self)
        settings.pgDumpPath = try TestServer(major: 15).tool("pg_dump")
        try await fixture.store.saveSettings(settings)
        await fixture.services.scheduler.start()
        defer { Task { await fixture.services.scheduler.stop() } }
        try await TestServer(major: 16).withDatabase(rows: 10) { name in
            try await fixture.test { client in
                // When it is backed up through the API
                let db = try await BackupRunPostgresTests.register(name, client: client, on: TestServer(major: 16))
                let runId = try #require(try JSONBody(try await client.send(.post, "/api/backups/run/\(db)"))["run_id"]?.int)
                let run = try await BackupRunPostgresTests.poll(runId, client: client) { $0 == "succeeded" || $0 == "failed" }
                // Then the run failed with the tool error
                #expect(run["state"]?.string == "failed")
                #expect(
                    run["error"]?.string
                        == "server is PostgreSQL 16; newest pg_dump here is 15; install postgresql-client-16 or set pg_dump_path")
            }
        }
    }
}
