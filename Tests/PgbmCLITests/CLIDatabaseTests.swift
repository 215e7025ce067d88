import BackupRepository
import Foundation
import TestSupport
import Testing

@Suite("pgbm-cli db")
struct CLIDatabaseTests {
    @Test("add, list, show, edit and remove round-trip through the store, in JSON")
    func roundTrip() async throws {
        // Given a database added with non-default settings
        let fixture = try CLIStoreFixture()
        let added = try fixture.object([
            "db", "add", "--name", "Billing DB", "--host", "db.internal", "--port", "5433", "--database", "billing",
            "--user", "backup", "--ssl-mode", "require", "--options", "-c statement_timeout=0",
            "--retention-override", #"{"daily": 30}"#, "--retention-timezone", "Europe/Berlin",
        ])
        #expect(added["slug"] as? String == "billing-db")
        #expect(added["port"] as? Int == 5433)
        #expect(added["ssl_mode"] as? String == "require")
        #expect(added["options"] as? String == "-c statement_timeout=0")
        #expect((added["retention_override"] as? [String: Any])?["daily"] as? Int == 30)
        #expect(added["password_set"] as? Bool == false)
        let id = try #require(added["id"] as? Int)

        // When it is listed and shown by id, name and slug
        #expect(try fixture.list(["db", "list"]).map { $0["name"] as? String } == ["Billing DB"])
        for reference in ["\(id)", "Billing DB", "billing-db"] {
            #expect(try fixture.object(["db", "show", reference])["id"] as? Int == id)
        }

        // When it is edited: the given fields change, the slug and the rest stay
        let edited = try fixture.object([
            "db", "edit", "billing-db", "--name", "Billing", "--host", "db2.internal", "--ssl-mode", "disable",
        ])
        #expect(edited["name"] as? String == "Billing")
        #expect(edited["slug"] as? String == "billing-db")
        #expect(edited["host"] as? String == "db2.internal")
        #expect(edited["port"] as? Int == 5433)
        #expect(edited["retention_time_zone"] as? String == "Europe/Berlin")

        // When it is removed: it leaves the list, stays in the store, and its schedules are disabled
        _ = try fixture.object(["schedule", "add", "--database", "Billing", "--cron", "@daily"])
        let removed = try fixture.object(["db", "remove", "Billing"])
        #expect(removed["deleted_at"] is String)
        #expect(try fixture.list(["db", "list"]).isEmpty)
        #expect(try fixture.list(["db", "list", "--include-deleted"]).count == 1)
        let schedules = try await fixture.store().schedules(databaseId: Int64(id))
        #expect(schedules.map(\.enabled) == [false] && schedules.allSatisfy { $0.nextRunAt == nil })
    }

    @Test("show and list print a readable text form with the password only as set or not set")
    func textOutput() throws {
        let fixture = try CLIStoreFixture()
        try fixture.addDatabase("app", environment: ["PGBM_DB_PASSWORD": "pw-in-env-1"])
        let show = try fixture.run(["db", "show", "app"])
        #expect(show.status == 0, "\(show.stderrText)")
        #expect(show.stdoutText.contains("password:       set"))
        #expect(show.stdoutText.contains("host:           db.internal"))
        let list = try fixture.run(["db", "list"])
        #expect(list.stdoutText.split(separator: "\n").first?.hasPrefix("ID  NAME  HOST") == true, "\(list.stdoutText)")
        #expect(list.stdoutText.contains("db.internal:5432"))
    }

    @Test(
        "a password from a file or from PGBM_DB_PASSWORD is stored and shown nowhere",
        arguments: ["file", "environment"])
    func passwordSources(source: String) async throws {
        // Given a password in a file (with a trailing newline) or in the environment
        let fixture = try CLIStoreFixture()
        let password = "s3cret-\(source)-Ω"
        let file = fixture.directory.path("pw")
        try Data((password + "\n").utf8).write(to: URL(fileURLWithPath: file))
        let (extra, environment): ([String], [String: String?]) =
            source == "file" ? (["--password-file", file], [:]) : ([], ["PGBM_DB_PASSWORD": password])

        // When the database is added, shown, listed and edited
        var outputs: [ProcessRunner.Result] = []
        outputs.append(
            try fixture.run(
                ["db", "add", "--name", "app", "--host", "h", "--database", "app", "--user", "u"] + extra,
                environment: environment))
        for arguments in [
            ["db", "show", "app"], ["db", "show", "app", "--json"], ["db", "list", "--json"],
            ["db", "edit", "app", "--port", "6432"],
        ] {
            outputs.append(try fixture.run(arguments))
        }

        // Then the store holds it, and no output and no audit event contains it
        let store = try fixture.store()
        let id = try #require(try await store.databases(includingDeleted: false).first?.id)
        #expect(try await store.password(ofDatabase: id)?.revealed == password)
        for output in outputs {
            #expect(output.status == 0, "\(output.stderrText)")
            #expect(!output.stdoutText.contains(password) && !output.stderrText.contains(password))
        }
        #expect(outputs[1].stdoutText.contains("password:       set"))
        let events = try await fixture.auditEvents()
        #expect(events.map(\.action) == ["database.create", "database.update"])
        #expect(events.allSatisfy { !$0.details.contains(password) && !$0.actor.contains(password) })
    }

    @Test("there is no --password option, so a password never reaches the argument list (ps)")
    func noPasswordOption() async throws {
        let fixture = try CLIStoreFixture()
        for command in [
            ["db", "add", "--name", "app", "--host", "h", "--database", "app", "--user", "u"],
            ["db", "edit", "app", "--port", "1"],
        ] {
            let result = try fixture.run(command + ["--password", "hunter2"])
            #expect(result.status == 64)
            #expect(result.stderrText.contains("Unknown option '--password'"), "\(result.stderrText)")
        }
        #expect(try await fixture.store().databases(includingDeleted: true).isEmpty)
    }

    @Test("edit replaces the password from a source, and --clear-password removes it")
    func editPassword() async throws {
        let fixture = try CLIStoreFixture()
        let id = Int64(try fixture.addDatabase("app", environment: ["PGBM_DB_PASSWORD": "first"]))
        let file = fixture.directory.path("pw")
        try Data("second".utf8).write(to: URL(fileURLWithPath: file))
        #expect(try fixture.run(["db", "edit", "app", "--password-file", file]).status == 0)
        #expect(try await fixture.store().password(ofDatabase: id)?.revealed == "second")
        #expect(try fixture.object(["db", "edit", "app", "--clear-password"])["password_set"] as? Bool == false)
        #expect(try await fixture.store().password(ofDatabase: id) == nil)
        let details = try await fixture.auditEvents().filter { $0.action == "database.update" }.map(\.details)
        #expect(
            details.count == 2 && details[0].contains(#""password":"replaced""#)
                && details[1].contains(#""password":"cleared""#))
        let both = try fixture.run(["db", "edit", "app", "--clear-password", "--password-file", file])
        #expect(both.status == 64)
    }

    @Test(
        "invalid settings exit 64 naming the field, and nothing is stored",
        arguments: [
            (["--port", "0"], "port: must be between 1 and 65535"),
            (["--port", "http"], "--port"),
            (["--ssl-mode", "always"], #"ssl_mode: "always" is not one of disable, prefer, require, verify-full"#),
            (["--ssl-mode", "verify-full"], "ssl_root_certificate: is required"),
            (["--retention-override", "{\"hourly\": 3}"], "retention_override: unknown key"),
            (["--retention-timezone", "Mars/Base"], "retention_time_zone"),
        ])
    func invalidSettings(extra: [String], message: String) async throws {
        let fixture = try CLIStoreFixture()
        let result = try fixture.run(
            ["db", "add", "--name", "app", "--host", "h", "--database", "app", "--user", "u"] + extra)
        #expect(result.status == 64)
        #expect(result.stderrText.contains(message), "\(result.stderrText)")
        #expect(try await fixture.store().databases(includingDeleted: true).isEmpty)
        #expect(try await fixture.auditEvents().isEmpty)
    }

    @Test("a taken name exits 64; a reference that matches nothing exits 64 naming it")
    func conflictsAndUnknownReferences() throws {
        let fixture = try CLIStoreFixture()
        try fixture.addDatabase("app")
        let taken = try fixture.run(["db", "add", "--name", "app", "--host", "h", "--database", "d", "--user", "u"])
        #expect(taken.status == 64)
        #expect(taken.stderrText.contains(#"name: a database named "app" already exists"#), "\(taken.stderrText)")
        for command in [["db", "show", "nope"], ["db", "edit", "nope", "--port", "1"], ["db", "remove", "nope"]] {
            let result = try fixture.run(command)
            #expect(result.status == 64)
            #expect(
                result.stderrText.contains(#"<database>: no database with id or name "nope""#), "\(result.stderrText)")
        }
        #expect(try fixture.run(["db", "edit", "app"]).stderrText.contains("nothing to change"))
    }

    @Test("each change appends an audit event by the cli actor with its target and no secret")
    func auditEvents() async throws {
        let fixture = try CLIStoreFixture()
        let id = try fixture.addDatabase("app", environment: ["PGBM_DB_PASSWORD": "pw-audit-1"])
        _ = try fixture.object(["db", "edit", "app", "--port", "6543"])
        _ = try fixture.object(["db", "remove", "app"])
        let events = try await fixture.auditEvents()
        #expect(events.map(\.action) == ["database.create", "database.update", "database.delete"])
        #expect(
            events.allSatisfy {
                $0.actorKind == .cli && $0.outcome == .success && $0.targetType == "database" && $0.targetId == "\(id)"
            })
        #expect(events.allSatisfy { $0.actor == "cli@\(ProcessInfo.processInfo.hostName) (tester)" })
        #expect(events[1].details.contains(#""port":{"from":5432,"to":6543}"#), "\(events[1].details)")
        #expect(events.allSatisfy { !$0.details.contains("pw-audit-1") })
    }
}
