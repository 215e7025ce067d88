@testable import BackupAPI
import BackupCore
import BackupRepository
import Foundation
import HTTPTypes
import PostgresTestSupport
import TestSupport
import Testing

/// `pgbm-cli --json` prints the API's JSON: for the same record, the CLI's output has the fields (key paths)
/// of the API's answer, and lists are the API's pages (`{"items": [...]}`).
@Suite("pgbm-cli --json speaks the API's JSON")
struct CLIJSONDialectTests {
    /// Every key path of a JSON value: `id`, `details.row_counts`, `items[0].id`.
    static func keyPaths(_ value: Any, _ prefix: String = "") -> Set<String> {
        switch value {
        case let object as [String: Any]:
            return object.reduce(into: Set<String>()) { paths, member in
                let path = prefix.isEmpty ? member.key : prefix + "." + member.key
                paths.insert(path)
                paths.formUnion(keyPaths(member.value, path))
            }
        case let array as [Any]:
            return array.enumerated().reduce(into: Set<String>()) { paths, element in
                paths.formUnion(keyPaths(element.element, "\(prefix)[\(element.offset)]"))
            }
        default:
            return []
        }
    }

    /// The property names the OpenAPI document gives schema `name`.
    static func documented(_ name: String) throws -> Set<String> {
        let schema = try #require(OpenAPIDocument.schemas.first { $0.0 == name }?.1, "no schema \(name)")
        return Set(try #require(schema["properties"]).members.map(\.0))
    }

    /// Checks that `cli` and `api` have the same key paths and that the API's fields are documented in
    /// `schema`.
    static func expectSameFields(
        _ cli: Any, _ api: Any, schema: String? = nil, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let (cliPaths, apiPaths) = (keyPaths(cli), keyPaths(api))
        #expect(cliPaths.subtracting(apiPaths).sorted() == [], "only in the CLI's JSON", sourceLocation: sourceLocation)
        #expect(apiPaths.subtracting(cliPaths).sorted() == [], "only in the API's JSON", sourceLocation: sourceLocation)
        #expect(!apiPaths.isEmpty, sourceLocation: sourceLocation)
        if let schema, let object = api as? [String: Any] {
            let undocumented = Set(object.keys).subtracting(try documented(schema))
            #expect(undocumented.sorted() == [], "not in the OpenAPI schema \(schema)", sourceLocation: sourceLocation)
        }
    }

    /// `value` as JSON text with sorted keys, to compare values.
    static func canonical(_ value: Any) throws -> String {
        let data = try JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .fragmentsAllowed])
        return String(decoding: data, as: UTF8.self)
    }

    /// The items of a page.
    static func items(_ page: Any) throws -> [Any] {
        try #require((page as? [String: Any])?["items"] as? [Any])
    }

    @Test("db add, show, list and remove print the API's database objects")
    func databases() async throws {
        // Given a database added with a retention override (so every optional field but deleted_at is set)
        let cli = try CLIStoreFixture()
        let added = try cli.object([
            "db", "add", "--name", "app", "--host", "db.internal", "--database", "app", "--user", "backup",
            "--ssl-mode", "verify-full", "--ssl-root-cert", "/etc/ssl/ca.pem",
            "--retention-override", #"{"daily": 30}"#,
        ])
        let id = try #require(added["id"] as? Int)
        let shown = try cli.object(["db", "show", "app"])
        let listed = try cli.json(["db", "list"])

        // When the API shows and lists it
        let api = try await CLIAPIFixture(cli)
        let answers = try await api.get("/api/config/databases/\(id)", "/api/config/databases")

        // Then the fields are the API's, and the values too
        try Self.expectSameFields(shown, answers[0], schema: "Database")
        try Self.expectSameFields(added, answers[0])
        try Self.expectSameFields(listed, answers[1])
        #expect(try Self.canonical(shown) == Self.canonical(answers[0]))
        let optional: Set = ["retention_override.daily", "retention_overridden", "ssl_root_certificate"]
        #expect(Self.keyPaths(shown).isSuperset(of: optional))

        // And a removed database (the API no longer shows it) has the same fields and deleted_at
        let removed = try cli.object(["db", "remove", "app"])
        #expect(Self.keyPaths(removed) == Self.keyPaths(answers[0]).union(["deleted_at"]))
        #expect(try Self.documented("Database").contains("deleted_at"))
    }

    @Test("schedule add, pause and list print the API's schedule objects")
    func schedules() async throws {
        // Given a schedule added and another one paused
        let cli = try CLIStoreFixture()
        try cli.addDatabase("app")
        let added = try cli.object([
            "schedule", "add", "--database", "app", "--cron", "30 2 * * *", "--timezone", "Europe/Berlin",
        ])
        let hourly = try cli.object(["schedule", "add", "--database", "app", "--cron", "@hourly"])
        let pausedId = try #require(hourly["id"] as? Int)
        let paused = try cli.object(["schedule", "pause", "\(pausedId)"])
        let listed = try cli.json(["schedule", "list"])

        // When the API shows and lists them
        let api = try await CLIAPIFixture(cli)
        let answers = try await api.get(
            "/api/schedules/\(try #require(added["id"] as? Int))", "/api/schedules/\(pausedId)", "/api/schedules")

        // Then the fields are the API's
        try Self.expectSameFields(added, answers[0], schema: "Schedule")
        try Self.expectSameFields(paused, answers[1], schema: "Schedule")
        try Self.expectSameFields(listed, answers[2])
        #expect(added["next_run_at"] is String && paused["next_run_at"] == nil)
    }

    @Test("backup list prints the API's page of runs")
    func runs() async throws {
        // Given a succeeded run with a verified file and a failed run, stored directly (no pg_dump)
        let cli = try CLIStoreFixture()
        let databaseId = Int64(try cli.addDatabase("app"))
        let api = try await CLIAPIFixture(cli)
        let store = api.manager.store
        let start = Date(timeIntervalSince1970: 1_780_000_000)
        let succeeded = try await Self.seedRun(store, databaseId: databaseId, state: .succeeded, at: start)
        let path = cli.directory.path("backups/app/app.dump.zst")
        var file = try await store.addFile(
            BackupFile(
                runId: try #require(succeeded.id), databaseId: databaseId, fileName: "app.dump.zst", localPath: path,
                encrypted: false, serverVersion: "15.8", pgDumpVersion: "15.8", sizeBytes: 1234,
                sha256: String(repeating: "b", count: 64), createdAt: start))
        file.verificationResult = "passed"
        file.verifiedAt = start.addingTimeInterval(5)
        try await store.updateFile(file)
        _ = try await Self.seedRun(store, databaseId: databaseId, state: .failed, at: start.addingTimeInterval(60))

        // When the CLI and the API list the runs
        let listed = try cli.json(["backup", "list"])
        let answers = try await api.get("/api/backups")

        // Then the pages have the same fields and values
        try Self.expectSameFields(listed, answers[0])
        try Self.expectSameFields(try Self.items(listed)[1], try Self.items(answers[0])[1], schema: "BackupRun")
        #expect(try Self.items(listed).count == 2)
        #expect(Self.keyPaths(listed).contains("items[1].verification.result"))
        #expect(try Self.canonical(listed) == Self.canonical(answers[0]))
    }

    @Test("restore list prints the API's page of restore jobs")
    func restoreJobs() async throws {
        // Given a succeeded job with details and a failed one, stored directly
        let cli = try CLIStoreFixture()
        let api = try await CLIAPIFixture(cli)
        let store = api.manager.store
        var details = RestoreDetails()
        details.fileName = "app.dump.zst"
        details.tool = "pg_restore 15.8"
        details.jobs = 1
        details.rowCounts = ["public.items": 1234]
        let start = Date(timeIntervalSince1970: 1_780_000_000)
        try await Self.seedRestoreJob(store, state: .succeeded, details: details.json, error: nil, at: start)
        try await Self.seedRestoreJob(
            store, state: .failed, details: nil, error: "interrupted: the process ended", at: start)

        // When the CLI and the API list the jobs
        let listed = try cli.json(["restore", "list"])
        let answers = try await api.get("/api/restore/jobs", "/api/restore/status/1")

        // Then the pages have the same fields and values
        try Self.expectSameFields(listed, answers[0])
        try Self.expectSameFields(try Self.items(listed)[1], answers[1], schema: "RestoreJob")
        #expect(Self.keyPaths(listed).contains("items[1].details.row_counts.public.items"))
        #expect(try Self.canonical(listed) == Self.canonical(answers[0]))
    }

    @Test("user create and list print the API's user objects")
    func users() async throws {
        // Given a user created through the CLI
        let cli = try CLIStoreFixture()
        let passwordFile = cli.directory.path("password")
        try Data("a-long-password-1".utf8).write(to: URL(fileURLWithPath: passwordFile))
        let created = try cli.object(["user", "create", "--username", "carol", "--password-file", passwordFile])
        let id = try #require(created["id"] as? Int)

        // When the API (which adds its own admin) shows and lists the users, and the CLI lists them
        let api = try await CLIAPIFixture(cli)
        let answers = try await api.get("/api/users/\(id)", "/api/users")
        let listed = try cli.json(["user", "list"])

        // Then the fields and values are the API's
        try Self.expectSameFields(created, answers[0], schema: "User")
        try Self.expectSameFields(listed, answers[1])
        #expect(try Self.canonical(created) == Self.canonical(answers[0]))
        #expect(try Self.items(listed).count == 2)
    }

    @Test(
        "backup run and restore print the API's run (with its files) and restore job",
        .enabled(if: TestServices.available("PGBM_TEST_PG15_URL", "PGBM_TEST_PG15_BINDIR")), .timeLimit(.minutes(2)))
    func backupAndRestore() async throws {
        // Given a database backed up and restored into a copy through the CLI
        let fixture = try await PipelineFaultFixture.make()
        defer { fixture.tearDown() }
        try await fixture.sql(
            "CREATE TABLE items (id int PRIMARY KEY); INSERT INTO items SELECT generate_series(1, 10)")
        let name = try await fixture.register()
        let backup = try await fixture.succeed(["backup", "run", name, "--json"])
        let run = try #require(try JSONSerialization.jsonObject(with: backup.stdout) as? [String: Any])
        let runId = try #require(run["id"] as? Int)
        let file = try #require(try await fixture.files().first?.localPath)
        let copy = fixture.database + "_copy"
        defer {
            PipelineFaultFixture.dropInBackground(
                server: fixture.server, ["DROP DATABASE IF EXISTS \(copy) WITH (FORCE)"])
        }
        let url = "postgresql://postgres@\(try fixture.server.host):\(try fixture.server.port)/\(copy)?sslmode=disable"
        let restore = try await fixture.succeed([
            "restore", "--from", file, "--to", url, "--create", "--count-rows", "--json",
        ])
        let job = try #require(try JSONSerialization.jsonObject(with: restore.stdout) as? [String: Any])
        let jobId = try #require(job["id"] as? Int)

        // When the API shows the run and the job
        let api = try await CLIAPIFixture(
            dataDirectory: fixture.dataDirectory, backupDirectory: fixture.backupDirectory)
        let answers = try await api.get("/api/backups/\(runId)", "/api/restore/status/\(jobId)")

        // Then the fields are the API's
        try Self.expectSameFields(run, answers[0], schema: "BackupRun")
        try Self.expectSameFields(job, answers[1], schema: "RestoreJob")
        #expect(Self.keyPaths(run).isSuperset(of: ["files[0].sha256", "files[0].local_path", "verification.result"]))
    }

    /// A run of `databaseId` that ended in `state` two seconds after `at`.
    @discardableResult
    static func seedRun(
        _ store: any ConfigurationStore, databaseId: Int64, state: BackupRun.State, at: Date
    ) async throws -> BackupRun {
        let run = try await store.createRun(BackupRun(databaseId: databaseId, trigger: .schedule, queuedAt: at))
        let id = try #require(run.id)
        _ = try await store.transitionRun(id: id, to: .running, at: at) { _ in }
        return try await store.transitionRun(id: id, to: state, at: at.addingTimeInterval(2)) { run in
            run.sizeBytes = state == .succeeded ? 1234 : nil
            run.checksum = state == .succeeded ? String(repeating: "b", count: 64) : nil
            run.error = state == .failed ? "pg_dump failed" : nil
        }
    }

    /// A restore job from a local file into a server, ended in `state` a minute after `at`.
    static func seedRestoreJob(
        _ store: any ConfigurationStore, state: RestoreJob.State, details: String?, error: String?, at: Date
    ) async throws {
        var job = try await store.createRestoreJob(
            RestoreJob(
                source: #"{"kind":"local","path":"/var/backups/pgbm/app/app.dump.zst"}"#,
                target: #"{"database":"app_copy","host":"db.internal","port":5432,"user":"postgres"}"#, createdAt: at))
        job.state = state
        job.startedAt = at
        job.finishedAt = at.addingTimeInterval(60)
        job.progressBytes = 1234
        job.totalBytes = 1234
        job.details = details
        job.error = error
        try await store.updateRestoreJob(job)
    }
}

@Suite("pgbm-cli --json speaks the API's JSON: settings, previews, connection tests")
struct CLIJSONDialectMoreTests {
    @Test("settings show and set print GET /api/config/settings, secrets only as <name>_set")
    func settings() async throws {
        // Given a retention change and a stored S3 secret made through the CLI
        let cli = try CLIStoreFixture()
        let set = try cli.object(["settings", "set", "retention.daily=14"])
        #expect(try cli.run(["settings", "set-secret", "s3.secret_key"], environment: ["PGBM_SECRET": "canary-dialect"]).status == 0)

        // When the API shows the settings (its server manager fixes the installation: id, backup folder),
        // and the CLI shows them after it
        let api = try await CLIAPIFixture(cli)
        let answers = try await api.get("/api/config/settings")
        let shown = try cli.object(["settings", "show"])

        // Then the CLI's JSON is the API's, values included, and no secret is in either
        try CLIJSONDialectTests.expectSameFields(shown, answers[0], schema: "Settings")
        try CLIJSONDialectTests.expectSameFields(set, answers[0])
        #expect(try CLIJSONDialectTests.canonical(shown) == CLIJSONDialectTests.canonical(answers[0]))
        #expect(((shown["s3"] as? [String: Any])?["secret_key_set"] as? Bool) == true)
        #expect(!(try CLIJSONDialectTests.canonical(shown)).contains("canary-dialect"))
    }

    @Test("schedule preview and next print the API's preview (next_runs)")
    func preview() async throws {
        // Given a stored schedule
        let cli = try CLIStoreFixture()
        try cli.addDatabase("app")
        let added = try cli.object(["schedule", "add", "--database", "app", "--cron", "@hourly"])
        let run = try ProcessRunner.run(
            CLIStoreFixture.cli, ["schedule", "preview", "30 2 * * *", "--timezone", "Europe/Berlin", "--count", "3", "--json"])
        let preview = try #require(try JSONSerialization.jsonObject(with: Data(run.stdoutText.utf8)) as? [String: Any])
        let next = try cli.object(["schedule", "next", "\(try #require(added["id"] as? Int))", "--count", "3"])

        // When the API previews the same expression
        let api = try await CLIAPIFixture(cli)
        let answers = try await api.get("/api/schedules/preview?cron=30%202%20*%20*%20*&timezone=Europe/Berlin&count=3")

        // Then the fields are the API's; a stored schedule's preview adds only its id
        try CLIJSONDialectTests.expectSameFields(preview, answers[0], schema: "SchedulePreview")
        #expect(CLIJSONDialectTests.keyPaths(next) == CLIJSONDialectTests.keyPaths(answers[0]).union(["schedule_id"]))
        #expect((preview["next_runs"] as? [String])?.count == 3)
    }

    @Test("db test prints the API's connection test answer, also when the connection fails")
    func connectionTest() async throws {
        // Given a database on a port nothing listens on
        let cli = try CLIStoreFixture()
        let port = try FreePort.next()
        let added = try cli.object(["db", "add", "--name", "app", "--host", "127.0.0.1", "--port", "\(port)", "--database", "app", "--user", "u"])
        let result = try cli.run(["db", "test", "app", "--json"])
        #expect(result.status == 2)
        let tested = try #require(try JSONSerialization.jsonObject(with: Data(result.stdoutText.utf8)) as? [String: Any])

        // When the API tests it
        let api = try await CLIAPIFixture(cli)
        let id = try #require(added["id"] as? Int)
        let answer = try #require(try await api.send(.post, "/api/config/databases/\(id)/test").body)

        // Then both say why, with the same fields and code
        try CLIJSONDialectTests.expectSameFields(tested, answer, schema: "ConnectionTest")
        #expect((tested["error"] as? [String: Any])?["code"] as? String == "unreachable")
    }
}
