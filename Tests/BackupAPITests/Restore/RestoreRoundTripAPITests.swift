import BackupAPI
import BackupRepository
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import PostgresTestSupport
import TestSupport
import Testing

/// Real restores through the API: backups made by the pipeline of a PostgreSQL 15 database, restored into
/// new databases on the same server, rows compared.
@Suite(
    "Restore API: real round trips", .enabled(if: APIFixture.restoreAvailable, "run Scripts/test"),
    .timeLimit(.minutes(3)))
struct RestoreRoundTripAPITests {
    static let server = TestServer(major: 15)
    static let canary = "Canary-Restore-41aa90"

    /// `"target": {"connection": …}` for the test server, as postgres, without SSL.
    static func target(_ server: TestServer) throws -> String {
        let connection = #"{"host": "\#(try server.host)", "port": \#(try server.port), "user": "postgres", "database": "postgres", "ssl_mode": "disable"}"#
        return #""target": {"connection": \#(connection)}"#
    }

    @Test func s3BackupRestoresIntoANewDatabaseWithIdenticalRows() async throws {
        let server = Self.server
        try await server.withDatabase(rows: 3000) { name in
            let fixture = try await APIFixture()
            let copy = name + "_api_s3"
            defer { Task { await RestoredRows.drop(server, copy) } }
            try await fixture.test { client in
                // Given an encrypted backup uploaded to S3
                try await fixture.configureS3(client, bucket: "api-restore-\(UUID().uuidString.prefix(8).lowercased())")
                let passphrase = try await fixture.enableEncryption(client)
                let file = try await fixture.backUp(name, on: server)
                let key = try #require(file.s3Key)
                // When the bucket is listed, filtered by the database
                let listed = try await client.send(.get, "/api/restore/s3-backups?database=\(name)")
                #expect(listed.status == .ok, "\(listed.text)")
                let entry = try #require(try JSONBody(listed)["items"]?.array.first)
                #expect(entry["key"]?.string == key)
                #expect(entry["database_name"]?.string == name)
                #expect(entry["encrypted"]?.bool == true && entry["own_installation"]?.bool == true)
                #expect(
                    try JSONBody(try await client.send(.get, "/api/restore/s3-backups?database=nothing"))["items"]?
                        .array.isEmpty == true)
                // And restored from S3 into a new database, with a (canary) password for the connection
                let started = try await client.send(
                    .post, "/api/restore/from-s3",
                    json: #"""
                        {"key": "\#(key)", "target": {"connection": {"host": "\#(try server.host)", "port": \#(try server.port), "user": "postgres",
                         "password": "\#(Self.canary)", "database": "postgres", "ssl_mode": "disable"}},
                         "database": "\#(copy)", "create": true, "count_rows": true, "jobs": 2}
                        """#)
                // Then it is accepted as a job
                #expect(started.status == .accepted, "\(started.text)")
                let jobId = try #require(try JSONBody(started)["job_id"]?.int)
                #expect(started.headers[.location] == "/api/restore/status/\(jobId)")
                #expect(try JSONBody(started)["state"]?.string == "queued")
                // And succeeds with the original's rows
                let finished = try await client.waitForRestore(jobId)
                #expect(finished["state"]?.string == "succeeded", "\(finished["error"]?.string ?? "")")
                #expect(finished["details"]?["row_counts"]?["public.items"]?.int == 3000)
                #expect(finished["details"]?["tool"]?.string?.hasPrefix("pg_restore 15") == true)
                #expect(finished["details"]?["server_version"]?.string?.hasPrefix("15") == true)
                #expect(finished["progress_bytes"]?.int == Int(file.sizeBytes))
                #expect(finished["source"]?["key"]?.string == key)
                #expect(finished["target"]?["host"]?.string == (try server.host))
                #expect(
                    try await RestoredRows.fingerprint(server, database: copy)
                        == RestoredRows.fingerprint(server, database: name))
                // And neither the password nor the passphrase shows anywhere
                let jobs = try await client.send(.get, "/api/restore/jobs")
                #expect(try JSONBody(jobs)["items"]?.array.first?["id"]?.int == jobId)
                let status = try await client.send(.get, "/api/restore/status/\(jobId)")
                for text in [started.text, status.text, jobs.text, try await fixture.auditText()] {
                    #expect(!text.contains(Self.canary) && !text.contains(passphrase))
                }
                #expect(try await fixture.audits("restore.start").first?.targetId == "\(jobId)")
                #expect(try await fixture.audits("restore.run").first?.outcome == .success)
            }
        }
    }

    @Test func uploadedBackupRestoresAndAWrongPassphraseFails() async throws {
        let server = Self.server
        try await server.withDatabase(rows: 500) { name in
            let fixture = try await APIFixture()
            let copy = name + "_api_up"
            defer { Task { await RestoredRows.drop(server, copy) } }
            try await fixture.test { client in
                // Given a local encrypted backup, uploaded twice
                _ = try await fixture.enableEncryption(client)
                let file = try await fixture.backUp(name, on: server)
                let path = try #require(file.localPath)
                let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
                let fileName = URL(fileURLWithPath: path).lastPathComponent
                let upload = try await client.send(
                    .post, "/api/restore/uploads?name=\(fileName)", body: ByteBuffer(bytes: bytes),
                    headers: [.contentType: "application/octet-stream"])
                #expect(upload.status == .created, "\(upload.text)")
                let uploaded = try JSONBody(upload)
                #expect(uploaded["size"]?.int == bytes.count)
                #expect(uploaded["sha256"]?.string == file.sha256)
                let uploadId = try #require(uploaded["upload_id"]?.string)
                let scratch = fixture.directory.path("data") + "/scratch/pgbm-upload-" + uploadId
                let mode = try FileManager.default.attributesOfItem(atPath: scratch)[.posixPermissions] as? Int
                #expect(mode == 0o600)
                let second = try JSONBody(
                    try await client.send(
                        .post, "/api/restore/uploads?name=\(fileName)", body: ByteBuffer(bytes: bytes), headers: [:]))
                let secondId = try #require(second["upload_id"]?.string)
                let target =
                    try Self.target(server)

                // When the first is restored into a new database
                let started = try await client.send(
                    .post, "/api/restore/from-upload",
                    json: #"{"upload_id": "\#(uploadId)", \#(target), "database": "\#(copy)", "create": true}"#)
                #expect(started.status == .accepted, "\(started.text)")
                let finished = try await client.waitForRestore(try #require(try JSONBody(started)["job_id"]?.int))
                // Then it succeeded with the same rows, and the upload is gone (used once)
                #expect(finished["state"]?.string == "succeeded", "\(finished["error"]?.string ?? "")")
                #expect(finished["source"]?["kind"]?.string == "upload")
                #expect(
                    try await RestoredRows.fingerprint(server, database: copy)
                        == RestoredRows.fingerprint(server, database: name))
                #expect(!FileManager.default.fileExists(atPath: scratch))
                let again = try await client.send(
                    .post, "/api/restore/from-upload", json: #"{"upload_id": "\#(uploadId)", \#(target)}"#)
                try expectError(again, status: .notFound, code: "not_found")

                // When the second is restored with a wrong passphrase
                let wrong = try await client.send(
                    .post, "/api/restore/from-upload",
                    json:
                        #"{"upload_id": "\#(secondId)", \#(target), "database": "\#(copy)_never", "create": true, "passphrase": "\#(Self.canary)"}"#
                )
                #expect(wrong.status == .accepted)
                let failed = try await client.waitForRestore(try #require(try JSONBody(wrong)["job_id"]?.int))
                // Then the job failed and says why, without the passphrase
                #expect(failed["state"]?.string == "failed")
                #expect(
                    failed["error"]?.string?.contains("wrong passphrase") == true, "\(failed["error"]?.string ?? "")")
                #expect(try await !fixture.auditText().contains(Self.canary))
                #expect(!wrong.text.contains(Self.canary))
            }
        }
    }

    @Test func localBackupIsListedAndRestoredFromTheBackupFolder() async throws {
        let server = Self.server
        try await server.withDatabase(rows: 200) { name in
            let fixture = try await APIFixture()
            let copy = name + "_api_local"
            defer { Task { await RestoredRows.drop(server, copy) } }
            try await fixture.test { client in
                let file = try await fixture.backUp(name, on: server)
                let listed = try JSONBody(try await client.send(.get, "/api/restore/local-backups?database=\(name)"))
                let relative = try #require(listed["items"]?.array.first?["file"]?.string)
                #expect(fixture.directory.path("backups") + "/" + relative == file.localPath)
                let started = try await client.send(
                    .post, "/api/restore/from-local",
                    json:
                        #"{"file": "\#(relative)", \#(try Self.target(server)), "database": "\#(copy)", "create": true}"#
                )
                #expect(started.status == .accepted, "\(started.text)")
                let finished = try await client.waitForRestore(try #require(try JSONBody(started)["job_id"]?.int))
                #expect(finished["state"]?.string == "succeeded", "\(finished["error"]?.string ?? "")")
                #expect(
                    try await RestoredRows.fingerprint(server, database: copy)
                        == RestoredRows.fingerprint(server, database: name))
            }
        }
    }

    @Test func aRunningRestoreIsCancelled() async throws {
        let server = Self.server
        try await server.withDatabase(rows: 200_000) { name in
            let fixture = try await APIFixture()
            let copy = name + "_api_cancel"
            defer { Task { await RestoredRows.drop(server, copy) } }
            try await fixture.test { client in
                let file = try await fixture.backUp(name, on: server)
                let relative = String(
                    try #require(file.localPath).dropFirst(fixture.directory.path("backups").count + 1))
                let started = try await client.send(
                    .post, "/api/restore/from-local",
                    json:
                        #"{"file": "\#(relative)", \#(try Self.target(server)), "database": "\#(copy)", "create": true, "count_rows": true}"#
                )
                let jobId = try #require(try JSONBody(started)["job_id"]?.int)
                // When it is cancelled right away
                let cancel = try await client.send(.post, "/api/restore/jobs/\(jobId)/cancel")
                #expect(cancel.status == .accepted, "\(cancel.text)")
                // Then it ends cancelled, and a second cancel is a conflict
                let finished = try await client.waitForRestore(jobId)
                #expect(
                    finished["state"]?.string == "cancelled",
                    "\(finished["state"]?.string ?? "") \(finished["error"]?.string ?? "")")
                try expectError(
                    try await client.send(.post, "/api/restore/jobs/\(jobId)/cancel"), status: .conflict,
                    code: "job_finished")
                #expect(try await fixture.audits("restore.cancel").first?.targetId == "\(jobId)")
            }
        }
    }
}
