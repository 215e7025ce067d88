import BackupCore
import BackupRepository
import Foundation
import HTTPTypes
import PostgresTestSupport
import Testing
import TestSupport

/// The same change made through `pgbm-cli` and through the API is audited with the same details: the use
/// case records them, not the frontend.
@Suite("Audit details: the CLI and the API record the same")
struct CLIAPIAuditParityTests {
    static let password = "parity-password-1"

    /// The details of the event of `action` by an actor of `kind` (about `username`, when given), as a JSON object.
    static func details(
        _ events: [AuditEvent], _ action: String, by kind: AuditEvent.ActorKind, username: String? = nil
    ) throws -> [String: JSONValue] {
        let matching = try events.filter { $0.action == action && $0.actorKind == kind }
            .map { try #require(JSONValue(parsing: $0.details)).members }
            .filter { username == nil || $0["username"] == .string(username!) }
        #expect(matching.count == 1, "one \(action) by \(kind): \(matching)")
        return try #require(matching.first)
    }

    @Test("user create, password change and delete: the same details from pgbm-cli user and /api/users")
    func users() async throws {
        // Given an admin, and carol made, given a new password and deleted through the CLI
        let cli = try CLIStoreFixture()
        let environment = ["PGBM_USER_PASSWORD": Self.password]
        _ = try cli.object(["user", "create", "--username", "root", "--role", "admin"], environment: environment)
        _ = try cli.object(["user", "create", "--username", "carol", "--role", "viewer"], environment: environment)
        _ = try cli.object(["user", "set-password", "--username", "carol"], environment: ["PGBM_USER_PASSWORD": "parity-password-2"])
        _ = try cli.object(["user", "delete", "--username", "carol"])

        // When dave gets the same through the API
        let api = try await CLIAPIFixture(cli)
        let created = try await api.send(.post, "/api/users", body: #"{"username":"dave","password":"\#(Self.password)","role":"viewer"}"#)
        #expect(created.status == .created)
        let id = try #require((created.body as? [String: Any])?["id"] as? Int)
        #expect(try await api.send(.put, "/api/users/\(id)", body: #"{"password":"parity-password-2"}"#).status == .ok)
        #expect(try await api.send(.delete, "/api/users/\(id)").status == .noContent)

        // Then each change has the same details, only the name differs
        let events = try await cli.auditEvents().filter { $0.targetType == "user" }
        let expected: [String: (String) -> [String: JSONValue]] = [
            "user.create": { ["username": .string($0), "role": .string("viewer")] },
            "user.update": {
                ["username": .string($0), "role": .string("viewer"), "disabled": .bool(false), "password_changed": .bool(true)]
            },
            "user.delete": { ["username": .string($0)] },
        ]
        for (action, details) in expected {
            #expect(try Self.details(events, action, by: .cli, username: "carol") == details("carol"), "\(action) by the CLI")
            #expect(try Self.details(events, action, by: .token, username: "dave") == details("dave"), "\(action) by the API")
        }
    }

    @Test(
        "restore start: the same details from pgbm-cli restore and /api/restore/from-local",
        .enabled(if: TestServices.available("PGBM_TEST_PG15_URL", "PGBM_TEST_PG15_BINDIR")), .timeLimit(.minutes(2)))
    func restores() async throws {
        // Given a backup restored into a copy through the CLI
        let fixture = try await PipelineFaultFixture.make()
        defer { fixture.tearDown() }
        try await fixture.sql("CREATE TABLE items (id int PRIMARY KEY); INSERT INTO items SELECT generate_series(1, 10)")
        let name = try await fixture.register()
        _ = try await fixture.succeed(["backup", "run", name, "--json"])
        let file = try #require(try await fixture.files().first?.localPath)
        let copies = [fixture.database + "_cli", fixture.database + "_api"]
        defer {
            PipelineFaultFixture.dropInBackground(
                server: fixture.server, copies.map { "DROP DATABASE IF EXISTS \($0) WITH (FORCE)" })
        }
        let server = "postgresql://postgres@\(try fixture.server.host):\(try fixture.server.port)"
        _ = try await fixture.succeed(["restore", "--from", file, "--to", "\(server)/\(copies[0])?sslmode=disable", "--create"])

        // When the API restores the same file into another copy
        let api = try await CLIAPIFixture(dataDirectory: fixture.dataDirectory, backupDirectory: fixture.backupDirectory)
        let relative = String(file.dropFirst(fixture.backupDirectory.count + 1))
        let body = #"""
            {"file":"\#(relative)","create":true,"target":{"connection":{"host":"\#(try fixture.server.host)","port":\#(try fixture.server.port),"user":"postgres","database":"\#(copies[1])","ssl_mode":"disable"}}}
            """#
        let started = try await api.send(.post, "/api/restore/from-local", body: body)
        #expect(started.status == .accepted, "\(String(describing: started.body))")
        let jobId = try #require((started.body as? [String: Any])?["job_id"] as? Int)
        let finished = await api.manager.restores.wait(jobId: Int64(jobId))
        #expect(finished?.state == .succeeded, "\(finished?.error ?? "")")

        // Then both starts are audited with the same details
        let events = try await fixture.store().events(AuditFilter(action: "restore.start"), outcome: nil, limit: 10, cursor: nil).items
        #expect(try Self.details(events, "restore.start", by: .cli) == ["source": .string("local")])
        #expect(try Self.details(events, "restore.start", by: .token) == ["source": .string("local")])
    }
}
