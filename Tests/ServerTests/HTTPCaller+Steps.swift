import Foundation
import NIOHTTP1
import PostgresTestSupport
import Testing

/// The API steps the end-to-end tests share.
extension HTTPCaller {
    /// Registers `database` of `server` as `name`; returns its id.
    func addDatabase(name: String, server: TestServer, database: String, user: String = "postgres", password: String? = nil)
        async throws -> Int
    {
        let passwordField = password.map { #", "password": "\#($0)""# } ?? ""
        let reply = try await call(
            .POST, "/api/config/databases",
            json: #"{"name": "\#(name)", "host": "\#(try server.host)", "port": \#(try server.port), "database": "\#(database)", "#
                + #""user": "\#(user)", "ssl_mode": "disable"\#(passwordField)}"#)
        try #require(reply.status == 201, "add database: \(reply.text)")
        return try #require(reply.json["id"] as? Int)
    }

    /// Starts a backup of database `id` now; returns the run id.
    func runBackup(databaseId id: Int) async throws -> Int {
        let reply = try await call(.POST, "/api/backups/run/\(id)")
        try #require(reply.status == 202, "run now: \(reply.text)")
        return try #require(reply.json["run_id"] as? Int)
    }

    /// Polls the run until its state is one of `states`; returns its JSON.
    func waitForRun(_ id: Int, in states: Set<String> = ["succeeded", "failed", "cancelled"], timeout: Duration = .seconds(120))
        async throws -> [String: any Sendable]
    {
        let reply = try await poll("/api/backups/\(id)", timeout: timeout) { states.contains($0["state"] as? String ?? "") }
        try #require(states.contains(reply.json["state"] as? String ?? ""), "run \(id): \(reply.text)")
        return reply.json
    }
}

extension TestServer {
    /// Waits (at most 20 s) until a session of `database` (pgbm's `pg_dump`) waits for a lock.
    func waitForBlockedDump(database: String) async throws {
        for _ in 0..<400 {
            let waiting = try await psql(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = '\(database)' AND wait_event_type = 'Lock'")
            if waiting != "0" { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        Issue.record("no pg_dump of \(database) waited for the lock within 20 s")
    }

    /// The row count and an md5 over every row of `public.items` in `database`.
    func itemsDigest(database: String) async throws -> String {
        try await psql("SELECT count(*) || ' ' || md5(string_agg(id || ':' || name, ',' ORDER BY id)) FROM public.items", database: database)
    }
}
