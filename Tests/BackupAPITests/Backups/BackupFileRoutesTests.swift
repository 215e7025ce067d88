import BackupAPI
import BackupCore
import BackupRepository
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import TestSupport
import Testing

@Suite("Backup files: list, download with Range, path confinement, delete")
struct BackupFileRoutesTests {
    static let base = Date(timeIntervalSince1970: 1_790_000_000)

    /// 300 KiB of varied bytes: more than one read chunk of the streamed body.
    static let contents = Data((0..<300 * 1024).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 8) })

    @Test func listShowsLocalFilesNewestFirstWithS3Flag() async throws {
        let fixture = try await APIFixture()
        let app = try await fixture.seedDatabase("app")
        let other = try await fixture.seedDatabase("other")
        let old = try await fixture.seedFile(app, at: Self.base, s3Key: "pgbm/app/old")
        let new = try await fixture.seedFile(app, at: Self.base.addingTimeInterval(60))
        let foreign = try await fixture.seedFile(other, at: Self.base.addingTimeInterval(120))
        try await fixture.test { client in
            let all = try JSONBody(try await client.send(.get, "/api/backups/files"))
            #expect(all["items"]?.array.compactMap { $0["name"]?.string } == [foreign, new, old].map(\.fileName))
            #expect(all["items"]?.array.compactMap { $0["in_s3"]?.bool } == [false, false, true])
            #expect(all["items"]?.array.compactMap { $0["database_slug"]?.string } == ["other", "app", "app"])
            let mine = try JSONBody(try await client.send(.get, "/api/backups/files?database_id=\(app)&limit=1"))
            #expect(mine["items"]?.array.compactMap { $0["name"]?.string } == [new.fileName])
            let cursor = try #require(mine["next_cursor"]?.string)
            let next = try JSONBody(try await client.send(.get, "/api/backups/files?database_id=\(app)&limit=1&cursor=\(cursor)"))
            #expect(next["items"]?.array.compactMap { $0["name"]?.string } == [old.fileName])
            try expectError(
                try await client.send(.get, "/api/backups/files?database_id=x"), status: .unprocessableContent, code: "invalid",
                field: "database_id")
        }
    }

    @Test func downloadStreamsTheStoredBytesWithHeaders() async throws {
        let fixture = try await APIFixture()
        let app = try await fixture.seedDatabase("app")
        let file = try await fixture.seedFile(app, at: Self.base, contents: Self.contents)
        try await fixture.test { client in
            let response = try await client.send(.get, "/api/backups/files/\(file.fileName)/download")
            #expect(response.status == .ok)
            #expect(Data(response.body.readableBytesView) == Self.contents)
            #expect(response.headers[.contentLength] == "\(Self.contents.count)")
            #expect(response.headers[.acceptRanges] == "bytes")
            #expect(response.headers[.contentType] == "application/octet-stream")
            #expect(response.headers[.contentDisposition] == "attachment; filename=\"\(file.fileName)\"")
            // The manifest beside it is served too
            let manifest = try await client.send(.get, "/api/backups/files/\(file.fileName).json/download")
            #expect(manifest.status == .ok)
            #expect(manifest.headers[.contentType] == "application/json")
            #expect(String(buffer: manifest.body).contains(file.fileName))
        }
    }

    @Test(arguments: [
        ("bytes=0-9", 0...9), ("bytes=100-", 100...(300 * 1024 - 1)), ("bytes=-16", (300 * 1024 - 16)...(300 * 1024 - 1)),
        ("bytes=307000-999999", 307000...(300 * 1024 - 1)),
    ])
    func aSingleRangeIs206WithContentRange(range: String, expected: ClosedRange<Int>) async throws {
        let fixture = try await APIFixture()
        let app = try await fixture.seedDatabase("app")
        let file = try await fixture.seedFile(app, at: Self.base, contents: Self.contents)
        try await fixture.test { client in
            let response = try await client.send(.get, "/api/backups/files/\(file.fileName)/download", headers: [.range: range])
            #expect(response.status == .partialContent)
            #expect(Data(response.body.readableBytesView) == Self.contents[expected])
            #expect(response.headers[.contentRange] == "bytes \(expected.lowerBound)-\(expected.upperBound)/\(Self.contents.count)")
            #expect(response.headers[.contentLength] == "\(expected.count)")
        }
    }

    @Test func aRangeBeyondTheEndIs416() async throws {
        let fixture = try await APIFixture()
        let app = try await fixture.seedDatabase("app")
        let file = try await fixture.seedFile(app, at: Self.base, contents: Self.contents)
        try await fixture.test { client in
            let response = try await client.send(
                .get, "/api/backups/files/\(file.fileName)/download", headers: [.range: "bytes=\(Self.contents.count)-"])
            try expectError(response, status: .rangeNotSatisfiable, code: "range_not_satisfiable")
            #expect(response.headers[.contentRange] == "bytes */\(Self.contents.count)")
        }
    }

    @Test(arguments: [
        "..%2F..%2Fetc%2Fpasswd", "%2Fetc%2Fpasswd", "..", "app_20260921T141320Z.dump.zst%00.txt", "passwd",
        "app%2Fapp_20260921T141320Z.dump.zst", "..%2Fapp_20260921T141320Z.dump.zst", "%2E%2E", "APP_20260921T141320Z.dump",
    ])
    func traversalNamesAreRejected(name: String) async throws {
        // Given a secret file beside the backup folder
        let fixture = try await APIFixture()
        let app = try await fixture.seedDatabase("app")
        _ = try await fixture.seedFile(app, at: Self.base)
        try Data("secret".utf8).write(to: URL(fileURLWithPath: fixture.directory.path("passwd")))
        try await fixture.test { client in
            let response = try await client.send(.get, "/api/backups/files/\(name)/download")
            // Then the answer is a 400 invalid_name or a 404, never the file
            #expect(response.status == .badRequest || response.status == .notFound)
            #expect(!String(buffer: response.body).contains("secret"))
            if response.status == .badRequest { try expectError(response, status: .badRequest, code: "invalid_name") }
        }
    }

    @Test func aRecordWhosePathLeavesTheBackupFolderIsNotServed() async throws {
        // Given a record of a well-formed name whose file is a symbolic link to a file outside the folder
        let fixture = try await APIFixture()
        let app = try await fixture.seedDatabase("app")
        let file = try await fixture.seedFile(app, at: Self.base)
        let outside = fixture.directory.path("outside.txt")
        try Data("outside secret".utf8).write(to: URL(fileURLWithPath: outside))
        let path = try #require(file.localPath)
        try FileManager.default.removeItem(atPath: path)
        try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: outside)
        try await fixture.test { client in
            let response = try await client.send(.get, "/api/backups/files/\(file.fileName)/download")
            try expectError(response, status: .conflict, code: "outside_backup_folder")
            #expect(!String(buffer: response.body).contains("outside secret"))
            // And an unknown well-formed name is a 404
            try expectError(
                try await client.send(.get, "/api/backups/files/app_20200101T000000Z.dump/download"), status: .notFound, code: "not_found")
        }
    }

    @Test func deleteRemovesTheLocalCopyButKeepsTheNewestSuccessUnlessForced() async throws {
        // Given two successful backups of a database
        let fixture = try await APIFixture()
        let app = try await fixture.seedDatabase("app")
        let old = try await fixture.seedFile(app, at: Self.base)
        let new = try await fixture.seedFile(app, at: Self.base.addingTimeInterval(60))
        try await fixture.test { client in
            // When the newest is deleted without force, then it is a 409 and the file stays
            try expectError(try await client.send(.delete, "/api/backups/files/\(new.fileName)"), status: .conflict, code: "newest_backup")
            #expect(FileManager.default.fileExists(atPath: new.localPath ?? ""))
            // When the older one is deleted, then its file and manifest are gone and the record says so
            let deleted = try await client.send(.delete, "/api/backups/files/\(old.fileName)")
            #expect(deleted.status == .ok)
            #expect(try JSONBody(deleted)["local_path"] == nil)
            #expect(!FileManager.default.fileExists(atPath: old.localPath ?? ""))
            #expect(!FileManager.default.fileExists(atPath: (old.localPath ?? "") + ".json"))
            let files = try JSONBody(try await client.send(.get, "/api/backups/files"))
            #expect(files["items"]?.array.compactMap { $0["name"]?.string } == [new.fileName])
            // And with force the newest goes too; a second delete is a 404; bad scope a 422
            #expect(try await client.send(.delete, "/api/backups/files/\(new.fileName)?force=true").status == .ok)
            try expectError(try await client.send(.delete, "/api/backups/files/\(new.fileName)"), status: .notFound, code: "not_found")
            try expectError(
                try await client.send(.delete, "/api/backups/files/\(new.fileName)?scope=disk"), status: .unprocessableContent,
                code: "invalid", field: "scope")
            try expectError(try await client.send(.delete, "/api/backups/files/..%2Fx"), status: .badRequest, code: "invalid_name")
        }
        let events = try await fixture.store.events(AuditFilter(action: "backup_file.delete"), limit: 10, cursor: nil).items
        #expect(events.count == 2)
    }

    @Test func deletingTheS3CopyWithS3OffIs409AndKeepsEverything() async throws {
        let fixture = try await APIFixture()
        let app = try await fixture.seedDatabase("app")
        let old = try await fixture.seedFile(app, at: Self.base, s3Key: "pgbm/app/old")
        _ = try await fixture.seedFile(app, at: Self.base.addingTimeInterval(60), s3Key: "pgbm/app/new")
        try await fixture.test { client in
            try expectError(try await client.send(.delete, "/api/backups/files/\(old.fileName)?scope=all"), status: .conflict, code: "s3_refused")
        }
        #expect(FileManager.default.fileExists(atPath: old.localPath ?? ""))
        #expect(try await fixture.store.file(named: old.fileName)?.s3Key == "pgbm/app/old")
    }
}
