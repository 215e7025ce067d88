import BackupAPI
import BackupRepository
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import TestSupport
import Testing

@Suite("Restore API: validation and unknown ids", .timeLimit(.minutes(1)))
struct RestoreValidationTests {
    static let connection =
        #""target": {"connection": {"host": "db.internal", "user": "postgres", "database": "postgres"}}"#

    /// A fixture whose S3 settings are complete (nothing is reached: these requests are refused first).
    static func fixtureWithS3() async throws -> APIFixture {
        let fixture = try await APIFixture()
        var s3 = S3Settings()
        (s3.enabled, s3.bucket, s3.accessKeyId, s3.endpoint, s3.prefix) = (
            true, "restore-bucket", "AK", "http://127.0.0.1:1", "pgbm"
        )
        try await fixture.store.saveSettings(s3)
        try await fixture.store.setSecret(Secret("s"), for: .s3SecretKey)
        return fixture
    }

    @Test(arguments: [
        (#"{"target": {"database_id": 1}}"#, "key"),
        (#"{"key": "pgbm/app/a.dump"}"#, "target"),
        (#"{"key": "pgbm/app/a.dump", "target": {}}"#, "target"),
        (#"{"key": "pgbm/app/a.dump", "target": {"database_id": 99}}"#, "target.database_id"),
        (
            #"{"key": "pgbm/app/a.dump", "target": {"connection": {"host": "", "user": "u", "database": "d"}}}"#,
            "target.connection.host"
        ),
        (
            #"{"key": "pgbm/app/a.dump", "target": {"connection": {"host": "h", "user": "u"}}}"#,
            "target.connection.database"
        ),
        (
            #"{"key": "pgbm/app/a.dump", "target": {"connection": {"host": "h", "user": "u", "database": "d", "port": 0}}}"#,
            "target.connection.port"
        ),
        (
            #"{"key": "pgbm/app/a.dump", "target": {"connection": {"host": "h", "user": "u", "database": "d", "ssl_mode": "always"}}}"#,
            "target.connection.ssl_mode"
        ),
        (#"{"key": "pgbm/app/a.dump", \#(connection), "jobs": 0}"#, "jobs"),
        (#"{"key": "pgbm/app/a.dump", \#(connection), "jobs": 17}"#, "jobs"),
        (#"{"key": "pgbm/app/a.dump", \#(connection), "create": "yes"}"#, "create"),
        (#"{"key": "pgbm/app/a.dump", \#(connection), "database": ""}"#, "database"),
        (#"{"key": "../etc/passwd", \#(connection)}"#, "key"),
    ])
    func fromS3NamesTheInvalidField(body: String, field: String) async throws {
        let fixture = try await Self.fixtureWithS3()
        try await fixture.test { client in
            let response = try await client.send(.post, "/api/restore/from-s3", json: body)
            try expectError(response, status: .unprocessableContent, code: "invalid", field: field)
            #expect(try await fixture.store.restoreJobs(limit: 10, cursor: nil).items.isEmpty)
        }
    }

    @Test func fromS3WithoutS3IsAConflict() async throws {
        let fixture = try await APIFixture()
        try await fixture.test { client in
            let response = try await client.send(
                .post, "/api/restore/from-s3", json: #"{"key": "pgbm/app/a.dump", \#(Self.connection)}"#)
            try expectError(response, status: .conflict, code: "s3_not_configured")
            try expectError(
                try await client.send(.get, "/api/restore/s3-backups"), status: .conflict, code: "s3_not_configured")
            // And S3 settings the S3 client refuses (a bucket name too short) are not usable either
            var s3 = S3Settings()
            (s3.enabled, s3.bucket, s3.accessKeyId) = (true, "b", "AK")
            try await fixture.store.saveSettings(s3)
            try await fixture.store.setSecret(Secret("s"), for: .s3SecretKey)
            let refused = try await client.send(.get, "/api/restore/s3-backups")
            try expectError(refused, status: .conflict, code: "s3_not_configured")
            #expect(refused.text.contains("bucket name"))
        }
    }

    @Test(arguments: [
        ("../outside.dump", HTTPResponse.Status.badRequest, "invalid_path"),
        ("/etc/passwd", .badRequest, "invalid_path"),
        ("app/../../x.dump", .badRequest, "invalid_path"),
        ("app/missing.dump", .notFound, "not_found"),
    ])
    func fromLocalIsConfinedToTheBackupFolder(file: String, status: HTTPResponse.Status, code: String) async throws {
        let fixture = try await APIFixture()
        try await fixture.test { client in
            let response = try await client.send(
                .post, "/api/restore/from-local", json: #"{"file": "\#(file)", \#(Self.connection)}"#)
            try expectError(response, status: status, code: code, field: code == "invalid_path" ? "file" : nil)
        }
    }

    @Test func fromLocalRefusesALinkOutOfTheFolder() async throws {
        let fixture = try await APIFixture()
        let folder = fixture.directory.path("backups") + "/app"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: folder + "/link.dump", withDestinationPath: "/etc/hostname")
        try await fixture.test { client in
            let response = try await client.send(
                .post, "/api/restore/from-local", json: #"{"file": "app/link.dump", \#(Self.connection)}"#)
            try expectError(response, status: .badRequest, code: "invalid_path", field: "file")
        }
    }

    @Test func uploadsNeedANameAndUnknownUploadsAre404() async throws {
        let fixture = try await APIFixture()
        try await fixture.test { client in
            try expectError(
                try await client.send(.post, "/api/restore/uploads", body: ByteBuffer(string: "x"), headers: [:]),
                status: .unprocessableContent, code: "invalid", field: "name")
            try expectError(
                try await client.send(
                    .post, "/api/restore/uploads?name=a/b.dump", body: ByteBuffer(string: "x"), headers: [:]),
                status: .unprocessableContent, code: "invalid", field: "name")
            try expectError(
                try await client.send(
                    .post, "/api/restore/from-upload",
                    json: #"{"upload_id": "0123456789abcdef0123456789abcdef", \#(Self.connection)}"#),
                status: .notFound, code: "not_found")
            try expectError(
                try await client.send(.post, "/api/restore/from-upload", json: #"{\#(Self.connection)}"#),
                status: .unprocessableContent, code: "invalid", field: "upload_id")
        }
    }

    @Test func anUploadAboveTheJSONLimitIsStreamedToAPrivateFileAndAnInvalidRestoreKeepsIt() async throws {
        let fixture = try await APIFixture()
        try await fixture.test { client in
            let content = String(repeating: "pgbm upload ", count: 300_000)  // 3.6 MB: above the 2 MiB limit of JSON bodies
            let response = try await client.send(
                .post, "/api/restore/uploads?name=app.dump", body: ByteBuffer(string: content), headers: [:])
            #expect(response.status == .created)
            let body = try JSONBody(response)
            #expect(body["size"]?.int == content.utf8.count)
            #expect(body["sha256"]?.string?.count == 64)
            #expect(body["expires_at"]?.string != nil)
            let id = try #require(body["upload_id"]?.string)
            let path = fixture.directory.path("data") + "/scratch/pgbm-upload-" + id
            #expect(try String(contentsOfFile: path, encoding: .utf8) == content)
            #expect(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int == 0o600)
            // An invalid restore of it leaves it in place
            let refused = try await client.send(
                .post, "/api/restore/from-upload", json: #"{"upload_id": "\#(id)", \#(Self.connection), "jobs": 99}"#)
            try expectError(refused, status: .unprocessableContent, code: "invalid", field: "jobs")
            #expect(FileManager.default.fileExists(atPath: path))
            #expect(try await fixture.audits("restore.upload").first?.targetId == id)
        }
    }

    @Test(arguments: ["/api/restore/status/999", "/api/restore/status/abc", "/api/restore/jobs/999"])
    func unknownJobIs404(uri: String) async throws {
        let fixture = try await APIFixture()
        try await fixture.test { client in
            try expectError(try await client.send(.get, uri), status: .notFound, code: "not_found")
        }
    }

    @Test func cancellingAnUnknownOrFinishedJob() async throws {
        let fixture = try await APIFixture()
        var job = RestoreJob(source: #"{"kind":"s3","key":"k"}"#, target: #"{"database_id":1}"#)
        job.state = .succeeded
        let id = try #require(try await fixture.store.createRestoreJob(job).id)
        try await fixture.test { client in
            try expectError(
                try await client.send(.post, "/api/restore/jobs/999/cancel"), status: .notFound, code: "not_found")
            try expectError(
                try await client.send(.post, "/api/restore/jobs/\(id)/cancel"), status: .conflict, code: "job_finished")
        }
    }

    @Test func jobsArePaginatedNewestFirst() async throws {
        let fixture = try await APIFixture()
        for index in 1...3 {
            var job = RestoreJob(source: #"{"kind":"local","path":"/b/\#(index)"}"#, target: #"{"database_id":1}"#)
            job.state = .failed
            job.error = "failed \(index)"
            _ = try await fixture.store.createRestoreJob(job)
        }
        try await fixture.test { client in
            let first = try JSONBody(try await client.send(.get, "/api/restore/jobs?limit=2"))
            #expect(first["items"]?.array.map { $0["error"]?.string } == ["failed 3", "failed 2"])
            let cursor = try #require(first["next_cursor"]?.string)
            let second = try JSONBody(try await client.send(.get, "/api/restore/jobs?limit=2&cursor=\(cursor)"))
            #expect(second["items"]?.array.map { $0["id"]?.int } == [1])
            #expect(second["next_cursor"] == nil)
            try expectError(
                try await client.send(.get, "/api/restore/jobs?limit=0"), status: .unprocessableContent,
                code: "invalid", field: "limit")
        }
    }

    @Test func localBackupsListsTheFolderWithPaging() async throws {
        let fixture = try await APIFixture()
        let folder = fixture.directory.path("backups") + "/app"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for (index, name) in ["app_20260101T000000Z.dump", "app_20260102T000000Z.dump", "app_20260103T000000Z.dump"]
            .enumerated()
        {
            #expect(FileManager.default.createFile(atPath: folder + "/" + name, contents: Data("x".utf8)))
            try FileManager.default.setAttributes(
                [.modificationDate: Date(timeIntervalSince1970: 1_767_225_600 + Double(index) * 86400)],
                ofItemAtPath: folder + "/" + name)
        }
        try await fixture.test { client in
            let first = try JSONBody(try await client.send(.get, "/api/restore/local-backups?limit=2"))
            #expect(
                first["items"]?.array.map { $0["file"]?.string } == [
                    "app/app_20260103T000000Z.dump", "app/app_20260102T000000Z.dump",
                ])
            #expect(first["items"]?.array.first?["database_slug"]?.string == "app")
            let cursor = try #require(first["next_cursor"]?.string)
            let second = try JSONBody(
                try await client.send(.get, "/api/restore/local-backups?limit=2&cursor=\(cursor)"))
            #expect(second["items"]?.array.map { $0["file"]?.string } == ["app/app_20260101T000000Z.dump"])
            #expect(
                try JSONBody(try await client.send(.get, "/api/restore/local-backups?database=other"))["items"]?.array
                    .isEmpty == true)
        }
    }
}
