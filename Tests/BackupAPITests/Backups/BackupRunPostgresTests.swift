import BackupAPI
import BackupCore
import BackupRepository
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import PostgresTestSupport
import Testing

@Suite("Backups of a real PostgreSQL 15 database through the API", .serialized, .timeLimit(.minutes(3)))
struct BackupRunPostgresTests {
    static let server = TestServer(major: 15)

    @Test(.enabled(if: TestServer.available))
    func runNowBacksUpDownloadsAndVerifies() async throws {
        let fixture = try await APIFixture()
        try await fixture.useTools(of: Self.server)
        await fixture.services.scheduler.start()
        do {
            try await Self.server.withDatabase(rows: 500) { name in
                try await fixture.test { client in
                    let db = try await Self.register(name, client: client)
                    // When a backup is requested
                    let accepted = try await client.send(.post, "/api/backups/run/\(db)")
                    #expect(accepted.status == .accepted)
                    let runId = try #require(try JSONBody(accepted)["run_id"]?.int)
                    // Then it succeeds (polled through the API)
                    let run = try await Self.poll(runId, client: client) { $0 == "succeeded" || $0 == "failed" }
                    #expect(run["state"]?.string == "succeeded", "\(run["error"]?.string ?? "")")
                    #expect(run["verification"]?["result"]?.string == "passed")
                    let file = try #require(run["files"]?.array.first)
                    let name = try #require(file["name"]?.string)
                    #expect(run["size_bytes"]?.int == file["size_bytes"]?.int)
                    // And the download is the stored file byte for byte
                    let stored = try #require(try await fixture.store.files(runId: Int64(runId)).first?.localPath)
                    let download = try await client.send(.get, "/api/backups/files/\(name)/download")
                    #expect(download.status == .ok)
                    #expect(Data(download.body.readableBytesView) == (try Data(contentsOf: URL(fileURLWithPath: stored))))
                    // And verifying it again passes and is recorded
                    let verified = try await client.send(.post, "/api/backups/\(runId)/verify")
                    #expect(verified.status == .ok)
                    #expect(try JSONBody(verified)["result"]?.string == "passed")
                    // And a finished run cannot be cancelled
                    try expectError(try await client.send(.post, "/api/backups/\(runId)/cancel"), status: .conflict, code: "not_running")
                }
            }
        } catch {
            await fixture.services.scheduler.stop()
            throw error
        }
        await fixture.services.scheduler.stop()
        #expect(try await fixture.store.events(AuditFilter(action: "backup.verify"), limit: 5, cursor: nil).items.first?.outcome == .success)
    }

    @Test(.enabled(if: TestServer.available))
    func cancelStopsARunningBackup() async throws {
        let fixture = try await APIFixture()
        try await fixture.useTools(of: Self.server)
        await fixture.services.scheduler.start()
        do {
            try await Self.server.withDatabase(rows: 200_000) { name in
                // Given a session holding an exclusive lock on the big table, so pg_dump waits while running
                let locker = Task {
                    try? await Self.server.psql(
                        "BEGIN; LOCK TABLE public.items IN ACCESS EXCLUSIVE MODE; SELECT pg_sleep(60); COMMIT;", database: name)
                }
                defer { locker.cancel() }
                try await Self.waitForLock(database: name)
                try await fixture.test { client in
                    let db = try await Self.register(name, client: client)
                    let runId = try #require(try JSONBody(try await client.send(.post, "/api/backups/run/\(db)"))["run_id"]?.int)
                    let running = try await Self.poll(runId, client: client) { $0 == "running" }
                    #expect(running["progress_bytes"]?.int != nil)
                    #expect(running["started_at"]?.string != nil)
                    try await Self.waitForDumpBlocked(database: name)
                    // When it is cancelled
                    let cancelled = try await client.send(.post, "/api/backups/\(runId)/cancel")
                    // Then it is accepted and the run ends cancelled
                    #expect(cancelled.status == .accepted)
                    let ended = try await Self.poll(runId, client: client) { $0 != "running" && $0 != "queued" }
                    #expect(ended["state"]?.string == "cancelled", "\(ended["error"]?.string ?? "")")
                    #expect(ended["files"]?.array.isEmpty == true)
                }
                try await Self.server.psql(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '\(name)' AND pid <> pg_backend_pid()")
            }
        } catch {
            await fixture.services.scheduler.stop()
            throw error
        }
        await fixture.services.scheduler.stop()
    }

    @Test(.enabled(if: TestServer.available))
    func cancelAsSoonAsItRunsEndsCancelledWhicheverStepItHits() async throws {
        // Given a backup that has just started (connection test, tool discovery or pg_dump)
        let fixture = try await APIFixture()
        try await fixture.useTools(of: Self.server)
        await fixture.services.scheduler.start()
        do {
            try await Self.server.withDatabase(rows: 100) { name in
                try await fixture.test { client in
                    let db = try await Self.register(name, client: client)
                    let runId = try #require(try JSONBody(try await client.send(.post, "/api/backups/run/\(db)"))["run_id"]?.int)
                    let running = try await Self.poll(runId, client: client) { $0 != "queued" }
                    // When it is cancelled at once
                    let cancelled = try await client.send(.post, "/api/backups/\(runId)/cancel")
                    let ended = try await Self.poll(runId, client: client) { $0 != "running" && $0 != "queued" }
                    // Then it ends cancelled (or, when it won the race, succeeded and the cancel was a 409)
                    if cancelled.status == .accepted {
                        #expect(ended["state"]?.string == "cancelled", "\(ended["error"]?.string ?? "")")
                    } else {
                        try expectError(cancelled, status: .conflict, code: "not_running")
                        #expect(running["state"]?.string == "succeeded" || ended["state"]?.string == "succeeded")
                    }
                }
            }
        } catch {
            await fixture.services.scheduler.stop()
            throw error
        }
        await fixture.services.scheduler.stop()
    }

    /// Registers the test server's `database` through the API (superuser `postgres`, trust auth).
    static func register(_ database: String, client: APIClient, on server: TestServer = server) async throws -> Int {
        let response = try await client.send(
            .post, "/api/config/databases",
            json: #"{"name": "\#(database)", "host": "\#(try server.host)", "port": \#(try server.port), "database": "\#(database)", "#
                + #""user": "postgres", "ssl_mode": "disable"}"#)
        #expect(response.status == .created)
        return try #require(try JSONBody(response)["id"]?.int)
    }

    /// `GET /api/backups/{id}` until its state satisfies `done` (at most 60 s).
    static func poll(_ runId: Int, client: APIClient, until done: (String) -> Bool) async throws -> JSONBody {
        let deadline = Date().addingTimeInterval(60)
        while true {
            let run = try JSONBody(try await client.send(.get, "/api/backups/\(runId)"))
            if done(run["state"]?.string ?? "") || Date() > deadline { return run }
            try await Task.sleep(for: .milliseconds(100))
        }
    }

    /// Waits until pg_dump's session waits for the table lock (so the cancel reaches a running pg_dump).
    static func waitForDumpBlocked(database: String) async throws {
        for _ in 0..<300 {
            let waiting = try await server.psql(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = '\(database)' "
                    + "AND wait_event_type = 'Lock'")
            if waiting == "1" { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        Issue.record("pg_dump did not start waiting for the lock")
    }

    static func waitForLock(database: String) async throws {
        for _ in 0..<100 {
            let held = try await server.psql(
                "SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation WHERE c.relname = 'items' "
                    + "AND l.mode = 'AccessExclusiveLock' AND l.granted", database: database)
            if held == "1" { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        Issue.record("the lock on public.items was not taken")
    }
}
