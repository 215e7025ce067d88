import BackupAPI
import BackupRepository
import Foundation
import GRDB
import HTTPTypes
import HummingbirdTesting
import PostgresTestSupport
import TestSupport
import Testing

/// A restore checks its whole target before it fetches, connects to or creates anything (issue 18,
/// finding 8): a target host with a NUL used to connect to the part before the NUL, create the database,
/// fail when `pg_restore` was started, and leave the empty database behind.
@Suite(
    "Restore API: the target is checked before anything is created", .enabled(if: APIFixture.restoreAvailable, "run Scripts/test"),
    .timeLimit(.minutes(2)))
struct RestoreTargetCheckTests {
    static let server = TestServer(major: 15)

    @Test(
        "a NUL or control character in a target field is a 422 naming it; no job, no database",
        arguments: [
            ("host", "\\u0000evil", "target.connection.host"), ("host", "\\u001b[2J", "target.connection.host"),
            ("user", "\\u0000x", "target.connection.user"), ("database", "\\u0000x", "target.connection.database"),
            ("ssl_root_certificate", "\\u0000x", "target.connection.ssl_root_certificate"),
            ("password", "\\u0000x", "target.connection.password"),
        ])
    func controlCharacterInTheTarget(key: String, suffix: String, field: String) async throws {
        let server = Self.server
        try await server.withDatabase(rows: 100) { name in
            let fixture = try await APIFixture()
            let copy = name + "_nul_target"
            defer { Task { await RestoredRows.drop(server, copy) } }
            // Given a real local backup and a target on the test server, one of its fields with the suffix
            let file = try await fixture.backUp(name, on: server)
            let relative = try #require(file.localPath).dropFirst(fixture.directory.path("backups").count + 1)
            var connection = [
                "host": try server.host, "user": "postgres", "database": "postgres", "ssl_root_certificate": "/etc/ssl/ca.pem",
                "password": "unused",
            ]
            connection[key, default: ""] += suffix
            let fields = connection.map { #""\#($0.key)": "\#($0.value)""# }.joined(separator: ", ")
            try await fixture.test { client in
                // When it is restored into a new database
                let response = try await client.send(
                    .post, "/api/restore/from-local",
                    json: #"{"file": "\#(relative)", "target": {"connection": {\#(fields), "port": \#(try server.port), "ssl_mode": "disable"}}, "database": "\#(copy)", "create": true}"#)
                // Then it is refused naming the field, before any job or database exists
                try expectError(response, status: .unprocessableContent, code: "invalid", field: field)
            }
            #expect(try await fixture.store.restoreJobs(limit: 10, cursor: nil).items.isEmpty)
            #expect(try await server.psql("SELECT count(*) FROM pg_database WHERE datname = '\(copy)'") == "0")
        }
    }

    @Test("a configured target whose stored host holds a line break (stored by an older pgbm) is refused before the job")
    func storedTargetIsCheckedToo() async throws {
        let fixture = try await APIFixture()
        let configured = try await fixture.store.createDatabase(
            ConfiguredDatabase(name: "old", host: "127.0.0.1", database: "postgres", user: "postgres"), password: nil)
        let queue = try DatabaseQueue(path: fixture.directory.path("data") + "/backup_manager.db")
        try await queue.write { db in
            try db.execute(sql: "UPDATE configured_database SET host = ? WHERE id = ?", arguments: ["127.0.0.1\n evil", configured.id])
        }
        try await fixture.test { client in
            let response = try await client.send(
                .post, "/api/restore/from-local",
                json: #"{"file": "old/x.dump", "target": {"database_id": \#(configured.id ?? 0)}, "database": "copy", "create": true}"#)
            try expectError(response, status: .unprocessableContent, code: "invalid", field: "target.database_id")
            #expect(try JSONBody(response)["error"]?["message"]?.string?.contains("host") == true)
        }
        #expect(try await fixture.store.restoreJobs(limit: 10, cursor: nil).items.isEmpty)
    }
}
