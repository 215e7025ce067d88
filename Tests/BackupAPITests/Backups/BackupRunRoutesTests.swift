import BackupAPI
import BackupCore
import BackupRepository
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import PostgresTestSupport
import Testing

@Suite("Backups: list, show, run now, cancel, verify (store only)")
struct BackupRunRoutesTests {
    @Test func listIsNewestFirstWithDatabaseNamesAndFilters() async throws {
        // Given runs of two databases in several states
        let fixture = try await APIFixture()
        let app = try await fixture.seedDatabase("app")
        let other = try await fixture.seedDatabase("other")
        let base = Date(timeIntervalSince1970: 1_790_000_000)
        let old = try await fixture.seedRun(app, state: .failed, at: base)
        let middle = try await fixture.seedRun(other, state: .succeeded, at: base.addingTimeInterval(3600))
        let new = try await fixture.seedRun(app, state: .succeeded, at: base.addingTimeInterval(7200))
        try await fixture.test { client in
            // When the list is read without filters, then it is newest first with the database's name
            let all = try JSONBody(try await client.send(.get, "/api/backups"))
            #expect(all["items"]?.array.compactMap { $0["id"]?.int } == [new, middle, old].map { Int($0.id ?? 0) })
            let first = try #require(all["items"]?.array.first)
            #expect(first["database_name"]?.string == "app")
            #expect(first["database_slug"]?.string == "app")
            #expect(first["state"]?.string == "succeeded")
            #expect(first["trigger"]?.string == "schedule")
            #expect(first["duration_seconds"]?.value as? Double == 2)
            #expect(first["size_bytes"]?.int == 1234)
            #expect(first["checksum"]?.string?.count == 64)
            #expect(all["next_cursor"] == nil)
            // And each filter narrows it
            let byDatabase = try JSONBody(try await client.send(.get, "/api/backups?database_id=\(app)"))
            #expect(byDatabase["items"]?.array.compactMap { $0["id"]?.int } == [new, old].map { Int($0.id ?? 0) })
            let failed = try JSONBody(try await client.send(.get, "/api/backups?state=failed"))
            #expect(failed["items"]?.array.compactMap { $0["error"]?.string } == ["pg_dump failed"])
            let window = try JSONBody(
                try await client.send(.get, "/api/backups?since=2026-09-21T15:00:00Z&until=2026-09-21T16:00:00Z"))
            #expect(window["items"]?.array.compactMap { $0["id"]?.int } == [Int(middle.id ?? 0)])
        }
    }

    @Test(arguments: [
        ("since=yesterday", "since"), ("until=2026-13-01T00:00:00Z", "until"), ("state=done", "state"),
        ("database_id=abc", "database_id"), ("limit=0", "limit"), ("cursor=!!", "cursor"),
    ])
    func malformedFiltersAre422NamingTheField(query: String, field: String) async throws {
        let fixture = try await APIFixture()
        try await fixture.test { client in
            try expectError(try await client.send(.get, "/api/backups?\(query)"), status: .unprocessableContent, code: "invalid", field: field)
        }
    }

    @Test func aCursorWalksEveryPageOnceAcrossMoreThanOnePage() async throws {
        // Given 7 runs
        let fixture = try await APIFixture()
        let app = try await fixture.seedDatabase("app")
        var seeded: [Int64] = []
        for index in 0..<7 { seeded.append(try #require(try await fixture.seedRun(app, at: Date(timeIntervalSince1970: 1_790_000_000 + Double(index))).id)) }
        let ids = seeded
        try await fixture.test { client in
            // When pages of 3 are followed by their cursor
            var seen: [Int] = []
            var cursor: String?
            var pages = 0
            repeat {
                let uri = "/api/backups?limit=3" + (cursor.map { "&cursor=\($0)" } ?? "")
                let page = try JSONBody(try await client.send(.get, uri))
                seen += page["items"]?.array.compactMap { $0["id"]?.int } ?? []
                cursor = page["next_cursor"]?.string
                pages += 1
            } while cursor != nil && pages < 10
            // Then every run came once, newest first, over 3 pages
            #expect(seen == ids.reversed().map { Int($0) })
            #expect(pages == 3)
        }
    }

    @Test func showHasFilesAndUnknownIdsAre404() async throws {
        let fixture = try await APIFixture()
        let app = try await fixture.seedDatabase("app")
        let file = try await fixture.seedFile(app, at: Date(timeIntervalSince1970: 1_790_000_000), s3Key: "pgbm/app/x")
        try await fixture.test { client in
            let shown = try JSONBody(try await client.send(.get, "/api/backups/\(file.runId)"))
            #expect(shown["id"]?.int == Int(file.runId))
            let files = shown["files"]?.array ?? []
            #expect(files.count == 1)
            #expect(files.first?["name"]?.string == file.fileName)
            #expect(files.first?["local_path"]?.string == "app/\(file.fileName)")
            #expect(files.first?["on_disk"]?.bool == true)
            #expect(files.first?["s3_key"]?.string == "pgbm/app/x")
            #expect(files.first?["in_s3"]?.bool == true)
            #expect(files.first?["sha256"]?.string == file.sha256)
            #expect(files.first?["download_url"]?.string == "/api/backups/files/\(file.fileName)/download")
            for uri in ["/api/backups/999", "/api/backups/abc", "/api/backups/0"] {
                try expectError(try await client.send(.get, uri), status: .notFound, code: "not_found")
            }
        }
    }

    @Test func runNowIs202WithLocationAndJoinsTheQueuedRun() async throws {
        // Given a database and a scheduler that is not started (runs stay queued)
        let fixture = try await APIFixture()
        try await fixture.test { client in
            let id = try await client.createDatabase(name: "app")
            // When a backup is requested twice
            let first = try await client.send(.post, "/api/backups/run/\(id)")
            let second = try await client.send(.post, "/api/backups/run/\(id)")
            // Then both are 202 with the same queued run and its location
            #expect(first.status == .accepted)
            let runId = try #require(try JSONBody(first)["run_id"]?.int)
            #expect(try JSONBody(first)["state"]?.string == "queued")
            #expect(first.headers[.location] == "/api/backups/\(runId)")
            #expect(second.status == .accepted)
            #expect(try JSONBody(second)["run_id"]?.int == runId)
            let shown = try JSONBody(try await client.send(.get, "/api/backups/\(runId)"))
            #expect(shown["state"]?.string == "queued")
            #expect(shown["trigger"]?.string == "manual")
            // And an unknown or deleted database is a 404
            try expectError(try await client.send(.post, "/api/backups/run/999"), status: .notFound, code: "not_found")
            _ = try await client.send(.delete, "/api/config/databases/\(id)")
            try expectError(try await client.send(.post, "/api/backups/run/\(id)"), status: .notFound, code: "not_found")
        }
        let events = try await fixture.store.events(AuditFilter(action: "backup.run"), limit: 10, cursor: nil).items
        #expect(events.count == 2)
        #expect(events.first?.targetType == "backup_run")
    }

    @Test func cancelOfAQueuedRunIs202AndOfAFinishedOne409() async throws {
        let fixture = try await APIFixture()
        let app = try await fixture.seedDatabase("app")
        let finished = try await fixture.seedRun(app, state: .succeeded)
        try await fixture.test { client in
            let queued = try JSONBody(try await client.send(.post, "/api/backups/run/\(app)"))["run_id"]?.int ?? 0
            // When the queued run is cancelled, then it is 202 and the run is cancelled
            let cancelled = try await client.send(.post, "/api/backups/\(queued)/cancel")
            #expect(cancelled.status == .accepted)
            #expect(try JSONBody(cancelled)["state"]?.string == "cancelled")
            #expect(try JSONBody(try await client.send(.get, "/api/backups/\(queued)"))["state"]?.string == "cancelled")
            // And a finished run is a 409 not_running, an unknown one a 404
            try expectError(
                try await client.send(.post, "/api/backups/\(finished.id ?? 0)/cancel"), status: .conflict, code: "not_running")
            try expectError(try await client.send(.post, "/api/backups/999/cancel"), status: .notFound, code: "not_found")
        }
        #expect(try await fixture.store.events(AuditFilter(action: "backup.cancel"), limit: 10, cursor: nil).items.count == 1)
    }

    @Test func verifyWithoutALocalFileIs409AndUnknownRun404() async throws {
        let fixture = try await APIFixture()
        let app = try await fixture.seedDatabase("app")
        let run = try await fixture.seedRun(app, state: .failed)
        try await fixture.test { client in
            try expectError(try await client.send(.post, "/api/backups/\(run.id ?? 0)/verify"), status: .conflict, code: "no_local_file")
            try expectError(try await client.send(.post, "/api/backups/999/verify"), status: .notFound, code: "not_found")
        }
    }

    @Test(.enabled(if: TestServer.available)) func verifyOfAFileThatIsNoArchiveRecordsFailed() async throws {
        // Given a file whose bytes are not a zstd-compressed archive, and the test server's pg_restore
        let fixture = try await APIFixture()
        try await fixture.useTools(of: TestServer(major: 15))
        let app = try await fixture.seedDatabase("app")
        let file = try await fixture.seedFile(app, at: Date(timeIntervalSince1970: 1_790_000_000))
        try await fixture.test { client in
            // When it is verified
            let response = try await client.send(.post, "/api/backups/\(file.runId)/verify")
            // Then the verification ran and failed, and the record says so
            #expect(response.status == .ok)
            #expect(try JSONBody(response)["result"]?.string == "failed")
            let shown = try JSONBody(try await client.send(.get, "/api/backups/\(file.runId)"))
            #expect(shown["verification"]?["result"]?.string == "failed")
        }
        #expect(try await fixture.store.files(runId: file.runId).first?.verificationResult == "failed")
    }
}
