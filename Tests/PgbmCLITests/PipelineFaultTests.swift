import BackupRepository
import Foundation
import PostgresTestSupport
import TestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `pgbm-cli backup run` against the real PostgreSQL test servers when something goes wrong: the process
/// is killed mid-write, the disk is full, the password is wrong, S3 is down, no suitable pg_dump exists.
///
/// Serialized: two of the tests make tens of MB of rows and dumps, and on two cores running them at once
/// slows the other suites' timing-sensitive tests (stopping dumps, connect timeouts) past their limits.
@Suite(
    "Pipeline faults: pgbm-cli backup run when things break",
    .enabled(if: TestServices.available("PGBM_TEST_PG15_URL", "PGBM_TEST_PG15_BINDIR")), .serialized, .timeLimit(.minutes(2)))
struct PipelineFaultTests {
    /// About 70 MB of COPY data (zstd: ~25 MB): long enough a dump to stop it in the middle.
    static let bigTable = """
        CREATE TABLE big (id int, payload text);
        INSERT INTO big SELECT g, md5(g::text) || md5((g * 7)::text) FROM generate_series(1, 600000) g
        """

    @Test("kill -9 mid-write: pg_dump ends, and the next run takes the lease, removes the .partial, fails the killed run as interrupted and succeeds")
    func killedMidWrite() async throws {
        // Given a database with a big table
        let fixture = try await PipelineFaultFixture.make()
        defer { fixture.tearDown() }
        try await fixture.sql(Self.bigTable)
        // (two and a half times the rows: on a loaded 2-core machine a shorter dump ended before the poll saw it)
        try await fixture.sql("INSERT INTO big SELECT g, md5(g::text) || md5((g * 7)::text) FROM generate_series(600001, 1500000) g")
        let name = try await fixture.register()

        // When pgbm-cli is writing the backup file: its pg_dump is stopped (so the file cannot be
        // completed any more) once the .partial holds data, and pgbm-cli is killed with SIGKILL
        let cli = try fixture.start(["backup", "run", name])
        var dump: Int32?
        defer {
            if cli.isRunning { kill(cli.processIdentifier, SIGKILL) }
            if let dump { kill(dump, SIGCONT) }
        }
        let partial = try await poll { () -> String? in
            if dump == nil {
                dump = ProcessTable.children(of: cli.processIdentifier, named: "pg_dump", withArgument: "--format").first
            }
            guard let dump, let partial = fixture.backupFiles().first(where: { $0.hasSuffix(".partial") }),
                  Self.size(fixture.backupDirectory + "/" + partial) > 0 else { return nil }
            kill(dump, SIGSTOP)
            return fixture.backupDirectory + "/" + partial
        }
        let partialPath = try #require(partial, "no pg_dump writing a .partial file appeared: \(fixture.startedStandardError)")
        let dumpPID = try #require(dump)
        try #require(
            FileManager.default.fileExists(atPath: partialPath),
            "the backup finished before pg_dump was stopped; the table is too small for this machine")
        // (while that process lives, a second run is refused and cleans nothing up)
        let busy = try await fixture.cli(["backup", "run", name])
        #expect(busy.status == 2)
        #expect(busy.stderrText.contains("pgbm-cli: error: another backup of this database is running (cli@"), "\(busy.stderrText)")
        #expect(FileManager.default.fileExists(atPath: partialPath))
        kill(cli.processIdentifier, SIGKILL)
        try await cli.exit()
        #expect(cli.terminationReason == .uncaughtSignal)
        kill(dumpPID, SIGCONT)

        // Then pg_dump, writing into a pipe nobody reads any more, ends instead of lingering
        #expect(try await poll(seconds: 10) { ProcessTable.isRunning(dumpPID) ? nil : true } == true, "pg_dump \(dumpPID) still runs")
        // and the killed run left its .partial file and a run that still says running
        #expect(FileManager.default.fileExists(atPath: partialPath))
        let killed = try #require(try await fixture.runs().first)
        #expect(killed["state"] as? String == "running")

        // When the backup is run again (of a now small table), while the killed process's lease has not expired
        try await fixture.sql("TRUNCATE big")
        let rerun = try await fixture.cli(["backup", "run", name, "--json"])

        // Then it succeeds, and nothing of the killed run is left but its record, failed as interrupted
        #expect(rerun.status == 0, "\(rerun.stderrText)")
        #expect(rerun.stderrText.contains("taking over the lease of a process that no longer exists"), "\(rerun.stderrText)")
        #expect(!fixture.backupFiles().contains { $0.hasSuffix(".partial") }, "\(fixture.backupFiles())")
        let runs = try await fixture.runs()
        #expect(runs.map { $0["state"] as? String } == ["succeeded", "failed"])
        #expect(runs.last?["id"] as? Int == killed["id"] as? Int)
        #expect((runs.last?["error"] as? String)?.hasPrefix("interrupted:") == true, "\(runs)")
        let latestId = try #require(runs.first?["id"] as? Int)
        let file = try #require(try await fixture.store().files(runId: Int64(latestId)).first)
        #expect(try await sha256(ofFile: try #require(file.localPath)) == file.sha256)
        #expect(fixture.backupFiles() == (try fixture.listed(file)))
    }

    @Test("a database larger than the disk fails the free-space check, naming both sizes, and nothing is written")
    func freeSpaceCheck() async throws {
        // Given a backup folder on a 4 MiB tmpfs and a database of about 7.5 MB (an empty one's size)
        let fixture = try await PipelineFaultFixture.make()
        defer { fixture.tearDown() }
        let disk = try await TinyDisk.mount(at: fixture.backupDirectory, megabytes: 4)
        defer { disk.unmount() }
        try await fixture.sql("CREATE TABLE items (id int); INSERT INTO items VALUES (1)")
        let size = Int64(try await fixture.sql("SELECT pg_database_size(current_database())")) ?? 0
        try #require(size > 4 << 20)
        let name = try await fixture.register()

        // When it is backed up
        let result = try await fixture.cli(["backup", "run", name])

        // Then the run fails with the free-space message, and the folder stays empty
        #expect(result.status == 2, "\(result.stderrText)")
        let error = try #require(try await fixture.runs().first?["error"] as? String)
        #expect(error.hasPrefix("not enough free space in \(fixture.backupDirectory): "), "\(error)")
        #expect(error.contains(" free, about ") && error.contains(" needed (the last backup's size, or the database's size"), "\(error)")
        #expect(result.stdoutText.contains(error))
        #expect(try FileManager.default.contentsOfDirectory(atPath: fixture.backupDirectory).isEmpty)
    }

    @Test("a full disk while writing fails the run with 'the disk is full', leaves no partial file, and keeps the earlier backup intact")
    func diskFullWhileWriting() async throws {
        // Given a 26 MiB tmpfs holding a good first backup of a small database, uncompressed
        let fixture = try await PipelineFaultFixture.make()
        defer { fixture.tearDown() }
        let disk = try await TinyDisk.mount(at: fixture.backupDirectory, megabytes: 26)
        defer { disk.unmount() }
        try await fixture.sql("CREATE TABLE big (id int, payload text)")
        let name = try await fixture.register()
        try await fixture.succeed(["settings", "set", "backup.compression=none"])
        try await fixture.succeed(["backup", "run", name])
        let earlier = try #require(try await fixture.files().first)
        let earlierPath = try #require(earlier.localPath)
        let manifestHash = try await sha256(ofFile: earlierPath + ".json")

        // When the database has grown to a dump of about 30 MB (the free-space check, which expects the
        // last backup's size plus 16 MiB, lets it start) and is backed up again
        try await fixture.sql("INSERT INTO big SELECT g, md5(g::text) || md5((g * 7)::text) FROM generate_series(1, 400000) g")
        let result = try await fixture.cli(["backup", "run", name])

        // Then the run fails saying the disk is full
        #expect(result.status == 2, "\(result.stderrText)")
        let run = try #require(try await fixture.runs().first)
        #expect(run["state"] as? String == "failed")
        let error = try #require(run["error"] as? String)
        #expect(error.hasPrefix("cannot write \(fixture.backupDirectory)/"), "\(error)")
        #expect(error.contains("the disk is full (") && error.contains("No space left on device"), "\(error)")
        // and only the earlier backup and its manifest are there, unchanged
        #expect(fixture.backupFiles() == (try fixture.listed(earlier)))
        #expect(try await sha256(ofFile: earlierPath) == earlier.sha256)
        #expect(try await sha256(ofFile: earlierPath + ".json") == manifestHash)
        #expect(try await fixture.files().count == 1)
    }

    @Test("a wrong database password fails with the server's rejection; neither it nor the right one shows up anywhere")
    func wrongPassword() async throws {
        // Given a role with a password and the database registered with a wrong one
        let fixture = try await PipelineFaultFixture.make()
        defer { fixture.tearDown() }
        let right = "right-\(UUID().uuidString)", wrong = "wrong-\(UUID().uuidString)"
        let role = try await fixture.createRole(password: right)
        try await fixture.sql("CREATE TABLE items (id int); INSERT INTO items VALUES (1); ALTER TABLE items OWNER TO \(role)")
        let rightFile = fixture.directory.path("right.pw"), wrongFile = fixture.directory.path("wrong.pw")
        try Data((right + "\n").utf8).write(to: URL(fileURLWithPath: rightFile))
        try Data((wrong + "\n").utf8).write(to: URL(fileURLWithPath: wrongFile))
        let name = try await fixture.register(user: role, extra: ["--password-file", wrongFile])
        var outputs: [String] = []

        // When it is backed up (tracing everything)
        let failed = try await fixture.cli(["backup", "run", name, "--log-level", "trace"])
        outputs += [failed.stdoutText, failed.stderrText]

        // Then the run fails on the password
        #expect(failed.status == 2, "\(failed.stderrText)")
        #expect(failed.stdoutText.contains("rejected the password of user \"\(role)\""), "\(failed.stdoutText)")
        #expect(try await fixture.runs().first?["error"] as? String == "cannot connect to \(name): the server at \(try fixture.server.host):\(try fixture.server.port) rejected the password of user \"\(role)\"")

        // When the right password is set and a backup runs while a lock keeps its pg_dump waiting
        try await fixture.succeed(["db", "edit", name, "--password-file", rightFile])
        let lock = try await TableLockSession.take(server: fixture.server, database: fixture.database, table: "items")
        defer { lock.release() }
        let cli = try fixture.start(["backup", "run", name, "--log-level", "trace"])
        defer { if cli.isRunning { kill(cli.processIdentifier, SIGKILL) } }
        let dump = try #require(try await poll { ProcessTable.children(of: cli.processIdentifier, named: "pg_dump", withArgument: "--format").first })

        // Then no process shows either password in its arguments (what ps shows), nor pg_dump in its environment
        let commandLines = ProcessTable.pids().map { ProcessTable.commandLine($0).joined(separator: " ") }.joined(separator: "\n")
        let environment = String(decoding: FileManager.default.contents(atPath: "/proc/\(dump)/environ") ?? Data(), as: UTF8.self)
        #expect(environment.contains("PGPASSFILE="))
        for secret in [right, wrong] {
            #expect(!commandLines.contains(secret))
            #expect(!environment.contains(secret))
        }
        // and, once the lock is gone, the backup succeeds with the right password
        lock.release()
        try await cli.exit()
        #expect(cli.terminationStatus == 0, "\(fixture.startedStandardError)")
        outputs.append(fixture.startedStandardError)

        // Then neither password is in any output, the run list, the audit log or the store's files
        outputs.append(try await fixture.cli(["backup", "list", "--json"]).stdoutText)
        outputs.append(try await fixture.cli(["db", "show", name, "--json"]).stdoutText)
        let events = try await fixture.store().events(AuditFilter(), limit: 1000, cursor: nil).items
        #expect(!events.isEmpty)
        outputs += events.map { String(describing: $0) }
        // (every file under the data folder, the scratch folder's included)
        let storeFiles = try FileManager.default.subpathsOfDirectory(atPath: fixture.dataDirectory).filter { path in
            var folder: ObjCBool = false
            return FileManager.default.fileExists(atPath: fixture.dataDirectory + "/" + path, isDirectory: &folder) && !folder.boolValue
        }
        #expect(storeFiles.contains("backup_manager.db"))
        let storeBytes = try storeFiles.map { try Data(contentsOf: URL(fileURLWithPath: fixture.dataDirectory + "/" + $0)) }
        for secret in [right, wrong] {
            #expect(!outputs.contains { $0.contains(secret) })
            #expect(!storeBytes.contains { $0.range(of: Data(secret.utf8)) != nil })
        }
    }

    @Test("S3 unreachable: the run succeeds with a note, and keeps the verified local backup without an S3 key")
    func s3Down() async throws {
        // Given S3 uploads on, to a port nothing listens on
        let fixture = try await PipelineFaultFixture.make()
        defer { fixture.tearDown() }
        try await fixture.sql("CREATE TABLE items (id int); INSERT INTO items SELECT generate_series(1, 1000)")
        let name = try await fixture.register()
        let port = try FreePort.next()
        let secretFile = fixture.directory.path("s3.secret")
        try Data("not-a-real-secret".utf8).write(to: URL(fileURLWithPath: secretFile))
        try await fixture.succeed(["settings", "set-secret", "s3.secret_key", "--secret-file", secretFile])
        try await fixture.succeed([
            "settings", "set", "s3.enabled=true", "s3.bucket=pgbm-test", "s3.endpoint=http://127.0.0.1:\(port)",
            "s3.access_key_id=AKIAPGBMFAULTTEST", "s3.path_style=true",
        ])

        // When it is backed up
        let result = try await fixture.cli(["backup", "run", name, "--json"])

        // Then the run succeeds, saying the upload failed and the local backup is kept
        #expect(result.status == 0, "\(result.stderrText)")
        let run = try #require(try JSONSerialization.jsonObject(with: result.stdout) as? [String: Any])
        #expect(run["state"] as? String == "succeeded")
        let note = try #require(run["error"] as? String)
        #expect(note.hasPrefix("the S3 upload failed, the local backup is kept: cannot reach S3 endpoint http://127.0.0.1:\(port)"), "\(note)")
        // and the file is there, verified, recorded without an S3 key
        let runId = try #require(run["id"] as? Int)
        let file = try #require(try await fixture.store().files(runId: Int64(runId)).first)
        #expect(file.s3Key == nil)
        #expect(file.verificationResult == "passed")
        #expect(try await sha256(ofFile: try #require(file.localPath)) == file.sha256)
        #expect(file.sha256 == run["checksum"] as? String)
        #expect(FileManager.default.fileExists(atPath: try #require(file.localPath) + ".json"))
    }

    @Test(
        "a PostgreSQL 16 server with only pg_dump 15 here fails naming both majors and the way out, and writes nothing",
        .enabled(if: TestServices.available("PGBM_TEST_PG16_URL", "PGBM_TEST_PG16_BINDIR")))
    func pgDumpTooOld() async throws {
        // Given a database on the PostgreSQL 16 server, pg_dump_path set to PostgreSQL 15's pg_dump, no
        // newer pg_dump in Debian's folders, and a PATH without the PostgreSQL 16 binaries
        let fixture = try await PipelineFaultFixture.make(server: .pg16)
        defer { fixture.tearDown() }
        try await fixture.sql("CREATE TABLE items (id int); INSERT INTO items VALUES (1)")
        let name = try await fixture.register()
        let pg15 = try TestServer.pg15.binDirectory, pg16 = try TestServer.pg16.binDirectory
        try await fixture.succeed(["settings", "set", "backup.pg_dump_path=\(pg15)/pg_dump"])
        let debianMajors = ((try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []).compactMap(Int.init)
        try #require(debianMajors.allSatisfy { $0 < 16 }, "Debian's /usr/lib/postgresql has a pg_dump 16 or newer: \(debianMajors)")
        let path = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
            .filter { URL(fileURLWithPath: String($0)).standardizedFileURL.path != URL(fileURLWithPath: pg16).standardizedFileURL.path }
            .joined(separator: ":")

        // When it is backed up
        let result = try await fixture.cli(["backup", "run", name], environment: ["PATH": path])

        // Then the run fails with exactly the tool error, and nothing is written
        #expect(result.status == 2, "\(result.stderrText)")
        #expect(
            try await fixture.runs().first?["error"] as? String
                == "server is PostgreSQL 16; newest pg_dump here is 15; install postgresql-client-16 or set pg_dump_path")
        #expect(fixture.backupFiles().isEmpty)

        // When PostgreSQL 16's own tools are configured, the same command backs it up
        try await fixture.succeed(["settings", "set", "backup.pg_dump_path=\(pg16)/pg_dump", "backup.pg_restore_path=\(pg16)/pg_restore"])
        let fixed = try await fixture.cli(["backup", "run", name], environment: ["PATH": path])
        #expect(fixed.status == 0, "\(fixed.stdoutText)\(fixed.stderrText)")
        #expect(fixture.backupFiles().count == 2)
    }

    static func size(_ path: String) -> Int64 {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.int64Value ?? 0
    }
}
