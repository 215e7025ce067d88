import BackupRepository
import Foundation
import PostgresTestSupport
import TestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `pgbm-cli restore` against the real PostgreSQL 15 test server.
@Suite(
    "pgbm-cli restore", .enabled(if: TestServices.available("PGBM_TEST_PG15_URL", "PGBM_TEST_PG15_BINDIR")), .serialized,
    .timeLimit(.minutes(2)))
struct CLIRestoreTests {
    /// `postgresql://postgres@host:port/<database>` of the fixture's server.
    func url(_ fixture: PipelineFaultFixture, database: String) throws -> String {
        "postgresql://postgres@\(try fixture.server.host):\(try fixture.server.port)/\(database)?sslmode=disable"
    }

    func withCopy<T>(_ fixture: PipelineFaultFixture, _ body: (String) async throws -> T) async throws -> T {
        let copy = fixture.database + "_copy"
        defer { PipelineFaultFixture.dropInBackground(server: fixture.server, ["DROP DATABASE IF EXISTS \(copy) WITH (FORCE)"]) }
        return try await body(copy)
    }

    @Test("backup run, then restore --from <file> --to <URL> --create: rows counted, job listed, audit written")
    func roundTrip() async throws {
        let fixture = try await PipelineFaultFixture.make()
        defer { fixture.tearDown() }
        try await fixture.sql("CREATE TABLE items (id int PRIMARY KEY, name text); INSERT INTO items SELECT g, 'n' || g FROM generate_series(1, 1234) g")
        let name = try await fixture.register()
        try await fixture.succeed(["backup", "run", name])
        let file = try #require(try await fixture.files().first?.localPath)

        try await withCopy(fixture) { copy in
            let restored = try await fixture.cli(
                ["restore", "--from", file, "--to", try url(fixture, database: copy), "--create", "--count-rows", "--json"])
            #expect(restored.status == 0, "\(restored.stderrText)")
            let view = try #require(try JSONSerialization.jsonObject(with: restored.stdout) as? [String: Any])
            #expect(view["state"] as? String == "succeeded")
            let details = try #require(view["details"] as? [String: Any])
            #expect((details["row_counts"] as? [String: Any])?["public.items"] as? Int == 1234, "\(details)")
            #expect(try await fixture.server.psql("SELECT count(*), sum(id) FROM items", database: copy) == "1234|761995")

            let list = try await fixture.succeed(["restore", "list", "--json"])
            let page = try #require(try JSONSerialization.jsonObject(with: list.stdout) as? [String: Any])
            let jobs = try #require(page["items"] as? [[String: Any]])
            #expect(jobs.map { $0["state"] as? String } == ["succeeded"])
            let audit = try await fixture.store().events(AuditFilter(action: "restore.run"), limit: 5, cursor: nil).items
            #expect(audit.first?.actor == "cli@\(ProcessInfo.processInfo.hostName) (tester)" && audit.first?.outcome == .success)

            // Restoring again into the now filled database needs --clean
            let again = try await fixture.cli(["restore", "--from", file, "--to", try url(fixture, database: copy)])
            #expect(again.status == 2)
            #expect(again.stdoutText.contains("already holds 1 tables: restore with clean"), "\(again.stdoutText)")
            let cleaned = try await fixture.cli(["restore", "--from", file, "--to", try url(fixture, database: copy), "--clean"])
            #expect(cleaned.status == 0, "\(cleaned.stdoutText)\(cleaned.stderrText)")
        }
    }

    @Test("a connection URL with a password is refused, and the password is printed nowhere")
    func passwordInURL() async throws {
        let fixture = try await PipelineFaultFixture.make()
        defer { fixture.tearDown() }
        let canary = "canary-\(UUID().uuidString)"
        for url in ["postgresql://postgres:\(canary)@127.0.0.1:5432/app", "postgresql://postgres:\(canary)#x@/app"] {
            let result = try await fixture.cli(["restore", "--from", "/nonexistent.dump", "--to", url])
            #expect(result.status == 64)
            #expect(result.stderrText.contains("--to: the connection URL contains a password; give it with --password-file"), "\(result.stderrText)")
            #expect(!(result.stdoutText + result.stderrText).contains(canary))
        }
        // An IPv6 address loses its brackets on the way to libpq; a mistyped file is not taken for an S3 key
        let file = fixture.directory.path("exists.dump")
        FileManager.default.createFile(atPath: file, contents: Data("x".utf8))
        let ipv6 = try await fixture.cli(["restore", "--from", file, "--to", "postgresql://postgres@[::1]:1/app"])
        #expect(ipv6.status == 2)
        #expect(ipv6.stdoutText.contains("cannot connect to the target server: ") && ipv6.stdoutText.contains("::1"), "\(ipv6.stdoutText)")
        #expect(!ipv6.stdoutText.contains("[::1]"), "\(ipv6.stdoutText)")
        let typo = try await fixture.cli(["restore", "--from", "/nonexistent.dump", "--to", "postgresql://postgres@127.0.0.1/app"])
        #expect(typo.status == 64)
        #expect(typo.stderrText.contains("--from: no file at /nonexistent.dump (and S3 is not configured"), "\(typo.stderrText)")
    }

    @Test(
        "a fresh data directory with only the S3 settings lists the bucket (s3 list, restore backups) and restores another store's backup",
        .enabled(if: TestServices.available("PGBM_TEST_S3_ENDPOINT", "PGBM_TEST_S3_ACCESS_KEY", "PGBM_TEST_S3_SECRET_KEY")))
    func freshInstallationFromBucket() async throws {
        let fixture = try await PipelineFaultFixture.make()
        defer { fixture.tearDown() }
        try await fixture.sql("CREATE TABLE items (id int PRIMARY KEY); INSERT INTO items SELECT generate_series(1, 777)")
        let name = try await fixture.register()
        let bucket = "pgbm-cli-fresh-\(UInt32.random(in: 0...UInt32.max))"
        let (endpoint, access, secret) = (
            try TestServices.value("PGBM_TEST_S3_ENDPOINT"), try TestServices.value("PGBM_TEST_S3_ACCESS_KEY"),
            try TestServices.value("PGBM_TEST_S3_SECRET_KEY"))
        let made = try await offPool {
            try ProcessRunner.run("/bin/sh", ["-c", "exec python3 -c \"$0\" \"$@\"", """
                import boto3, sys
                boto3.client('s3', endpoint_url=sys.argv[1], aws_access_key_id=sys.argv[2], aws_secret_access_key=sys.argv[3],
                             region_name='us-east-1').create_bucket(Bucket=sys.argv[4])
                """, endpoint, access, secret, bucket])
        }
        try #require(made.status == 0, "\(made.stderrText)")
        let secretFile = fixture.directory.path("s3.secret")
        try Data(secret.utf8).write(to: URL(fileURLWithPath: secretFile))
        let s3Settings = ["settings", "set", "s3.enabled=true", "s3.bucket=\(bucket)", "s3.endpoint=\(endpoint)", "s3.access_key_id=\(access)", "s3.prefix=team"]
        // (the secret first: S3 cannot be enabled without one, from the API or the command line)
        try await fixture.succeed(["settings", "set-secret", "s3.secret_key", "--secret-file", secretFile])
        try await fixture.succeed(s3Settings)
        let passphrase = "fresh installation passphrase"
        try await fixture.succeed(["settings", "add-passphrase"], environment: ["PGBM_PASSPHRASE": passphrase])
        try await fixture.succeed(["backup", "run", name])
        let key = try #require(try await fixture.files().first?.s3Key)

        // A second store: only the S3 settings, no database, no passphrase
        let fresh = fixture.directory.path("fresh")
        func freshCLI(_ arguments: [String]) async throws -> ProcessRunner.Result {
            let environment = PipelineFaultFixture.cleanEnvironment
            return try await offPool {
                try ProcessRunner.run(PipelineFaultFixture.cli, arguments + ["--data-dir", fresh], environment: environment)
            }
        }
        for command in [["settings", "set-secret", "s3.secret_key", "--secret-file", secretFile], s3Settings] {
            let result = try await freshCLI(command)
            try #require(result.status == 0, "\(result.stderrText)")
        }
        for command in [["s3", "list", "--json"], ["restore", "backups", "--json"]] {
            let listed = try await freshCLI(command)
            #expect(listed.status == 0, "\(listed.stderrText)")
            let page = try #require(try JSONSerialization.jsonObject(with: listed.stdout) as? [String: Any])
            let entries = try #require(page["items"] as? [[String: Any]])
            #expect(entries.map { $0["key"] as? String } == [key], "\(entries)")
            #expect(entries.first?["database_name"] as? String == name && entries.first?["encrypted"] as? Bool == true, "\(entries)")
        }
        let passphraseFile = fixture.directory.path("passphrase")
        try Data(passphrase.utf8).write(to: URL(fileURLWithPath: passphraseFile))
        try await withCopy(fixture) { copy in
            let restored = try await freshCLI([
                "restore", "--from", "s3:" + key, "--to", try url(fixture, database: copy), "--create", "--passphrase-file", passphraseFile,
            ])
            #expect(restored.status == 0, "\(restored.stdoutText)\(restored.stderrText)")
            #expect(try await fixture.server.psql("SELECT count(*) FROM items", database: copy) == "777")
        }
    }

    @Test("kill -9 during a parallel restore: the next restore command marks the job failed and removes its scratch files")
    func killedDuringRestore() async throws {
        let fixture = try await PipelineFaultFixture.make()
        defer { fixture.tearDown() }
        // (two tables with data: with one, --jobs has nothing to share and the restore streams instead)
        try await fixture.sql(PipelineFaultTests.bigTable + "; CREATE TABLE small AS SELECT 1 AS id")
        let name = try await fixture.register()
        try await fixture.succeed(["backup", "run", name])
        let file = try #require(try await fixture.files().first?.localPath)
        let scratch = fixture.dataDirectory + "/scratch"

        try await withCopy(fixture) { copy in
            let cli = try fixture.start(["restore", "--from", file, "--to", try url(fixture, database: copy), "--create", "--jobs", "2"])
            var restore: Int32?
            defer {
                if cli.isRunning { kill(cli.processIdentifier, SIGKILL) }
                if let restore { kill(-restore, SIGKILL) }
            }
            restore = try await poll {
                ProcessTable.children(of: cli.processIdentifier, named: "pg_restore", withArgument: "--exit-on-error").first
            }
            let restoring = try #require(restore, "no pg_restore appeared: \(fixture.startedStandardError)")
            #expect(try FileManager.default.contentsOfDirectory(atPath: scratch).contains { $0.hasPrefix("pgbm-restore-1-") })
            kill(cli.processIdentifier, SIGKILL)
            kill(-restoring, SIGKILL)
            try await cli.exit()
            #expect(cli.terminationReason == .uncaughtSignal)
            let before = try #require(try await fixture.store().restoreJob(id: 1))
            #expect(!before.state.isFinal, "\(before.state)")

            let list = try await fixture.succeed(["restore", "list", "--json"])
            let page = try #require(try JSONSerialization.jsonObject(with: list.stdout) as? [String: Any])
            let jobs = try #require(page["items"] as? [[String: Any]])
            #expect(jobs.first?["state"] as? String == "failed")
            #expect((jobs.first?["error"] as? String)?.hasPrefix("interrupted:") == true, "\(jobs)")
            #expect(try FileManager.default.contentsOfDirectory(atPath: scratch).isEmpty)
        }
    }

    @Test("Ctrl-C (SIGINT) cancels the restore: pg_restore is stopped, the job is cancelled, the command exits 2")
    func interrupted() async throws {
        let fixture = try await PipelineFaultFixture.make()
        defer { fixture.tearDown() }
        try await fixture.sql(PipelineFaultTests.bigTable)
        let name = try await fixture.register()
        try await fixture.succeed(["backup", "run", name])
        let file = try #require(try await fixture.files().first?.localPath)

        try await withCopy(fixture) { copy in
            let cli = try fixture.start(["restore", "--from", file, "--to", try url(fixture, database: copy), "--create", "--json"])
            defer { if cli.isRunning { kill(cli.processIdentifier, SIGKILL) } }
            let restore = try await poll {
                ProcessTable.children(of: cli.processIdentifier, named: "pg_restore", withArgument: "--exit-on-error").first
            }
            let restoring = try #require(restore, "no pg_restore appeared: \(fixture.startedStandardError)")
            kill(cli.processIdentifier, SIGINT)
            try await cli.exit()
            #expect(cli.terminationStatus == 2, "\(fixture.startedStandardError)")
            #expect(!ProcessTable.isRunning(restoring), "pg_restore \(restoring) still runs")
            let job = try #require(try await fixture.store().restoreJob(id: 1))
            #expect(job.state == .cancelled, "\(job.state) \(job.error ?? "")")
        }
    }
}
