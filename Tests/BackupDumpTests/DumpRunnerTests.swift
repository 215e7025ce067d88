import BackupDump
import Foundation
import PostgresTestSupport
import TestSupport
import Testing

/// `pg_dump` and `pg_dumpall` of real databases on PostgreSQL 15 and 16, streamed, listed with `pg_restore`.
@Suite("Dump runs", .enabled(if: TestServer.available, "run Scripts/test"), .timeLimit(.minutes(1)))
struct DumpRunnerTests {
    /// Runs a dump and collects its output (the test databases are small).
    static func dump(
        _ server: TestServer, database: String, options: DumpOptions = DumpOptions()
    ) async throws -> (Data, DumpResult<Data>) {
        let runner = DumpRunner(connection: try server.settings(database: database))
        let result = try await runner.dump(with: try server.postgresTool(.pgDump), options: options) { output in
            var data = Data()
            for try await block in output { data.append(block) }
            return data
        }
        return (result.value, result)
    }

    /// Lists an archive through `pg_restore --list`, fed in 4 KiB blocks.
    static func list(_ archive: Data, server: TestServer) async throws -> ArchiveContents {
        try await RestoreRunner().list(
            DataBlocks(data: archive, blockSize: 4096), with: try server.postgresTool(.pgRestore))
    }

    @Test("a custom-format dump streams PGDMP… and pg_restore lists its tables", arguments: TestServer.all)
    func customFormat(server: TestServer) async throws {
        try await server.withDatabase { database in
            // When
            let (archive, result) = try await Self.dump(server, database: database)

            // Then
            try await Self.checkArchive(archive, result: result, database: database, server: server)
        }
    }

    static func checkArchive(_ archive: Data, result: DumpResult<Data>, database: String, server: TestServer)
        async throws
    {
        #expect(archive.prefix(5) == Data("PGDMP".utf8))
        #expect(result.byteCount == archive.count)
        #expect(result.warnings.isEmpty)
        let contents = try await Self.list(archive, server: server)
        #expect(contents.format == "CUSTOM")
        #expect(contents.databaseName == database)
        #expect(contents.dumpedBy?.major == server.major)
        #expect(contents.dumpedFrom?.major == server.major)
        #expect(contents.containsTable(schema: "public", name: "items"))
        #expect(contents.containsTableData(schema: "public", name: "items"))
        #expect(contents.containsTable(schema: "extra", name: "notes"))
    }

    struct Filter: Sendable, CustomTestStringConvertible {
        let options: DumpOptions
        let present: [String]
        let absent: [String]
        var testDescription: String { "present \(present), absent \(absent)" }
    }

    @Test(
        "schema and table filters reach pg_dump",
        arguments: [
            Filter(
                options: DumpOptions(excludeTables: ["public.audit"]), present: ["public.items", "extra.notes"],
                absent: ["public.audit"]),
            Filter(
                options: DumpOptions(excludeSchemas: ["extra"]), present: ["public.items", "public.audit"],
                absent: ["extra.notes"]),
            Filter(
                options: DumpOptions(includeTables: ["public.items"]), present: ["public.items"],
                absent: ["public.audit", "extra.notes"]),
            Filter(options: DumpOptions(includeSchemas: ["extra"]), present: ["extra.notes"], absent: ["public.items"]),
        ])
    func filters(filter: Filter) async throws {
        let server = TestServer(major: 16)
        let contents = try await server.withDatabase { database in
            let (archive, _) = try await Self.dump(server, database: database, options: filter.options)
            return try await Self.list(archive, server: server)
        }
        for table in filter.present {
            let parts = table.split(separator: ".").map(String.init)
            #expect(contents.containsTable(schema: parts[0], name: parts[1]), "\(table) missing")
        }
        for table in filter.absent {
            let parts = table.split(separator: ".").map(String.init)
            #expect(!contents.containsTable(schema: parts[0], name: parts[1]), "\(table) dumped")
        }
    }

    @Test("plain is SQL, pg_dump's gzip is gzip, tar streams, directory writes a folder")
    func otherFormats() async throws {
        let server = TestServer(major: 15)
        try await server.withDatabase { database in
            let (plain, _) = try await Self.dump(server, database: database, options: DumpOptions(format: .plain))
            #expect(String(decoding: plain, as: UTF8.self).contains("CREATE TABLE public.items"))

            let (gzipped, _) = try await Self.dump(
                server, database: database, options: DumpOptions(format: .plain, compression: .gzip))
            #expect(gzipped.prefix(2) == Data([0x1f, 0x8b]))

            let (tar, _) = try await Self.dump(server, database: database, options: DumpOptions(format: .tar))
            #expect(tar.prefix(7) == Data("toc.dat".utf8))

            let folder = try TemporaryDirectory()
            let (streamed, _) = try await Self.dump(
                server, database: database, options: DumpOptions(format: .directory(path: folder.path("dump"))))
            #expect(streamed.isEmpty)
            #expect(FileManager.default.fileExists(atPath: folder.path("dump/toc.dat")))
        }
    }

    @Test("the password goes through a 0600 passfile: never in arguments or the environment, deleted afterwards")
    func passwordNeverInArguments() async throws {
        // Given a password role (with the characters a passfile escapes), a dump big enough (about 1 MB)
        // that pg_dump waits for its reader, and passfile folders left by a killed process and a live one
        let server = TestServer(major: 16)
        let password = "canary:\\-\(UUID().uuidString)"
        let temporary = try TemporaryDirectory()
        let stale = temporary.path("pgbm-pass-\(try await Self.deadProcessID())-AbC123")
        let live = temporary.path("pgbm-pass-\(getpid())-XyZ789")
        for folder in [stale, live] {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
            try "*:*:*:*:old\n".write(toFile: folder + "/passfile", atomically: false, encoding: .utf8)
        }
        let (seen, role) = try await server.withDatabase(rows: 40_000) { database in
            try await server.withRole(password: password) { role in
                let settings = try server.settings(database: database, user: role, password: password)
                let runner = DumpRunner(connection: settings, temporaryDirectory: temporary.url.path)
                // When the dump runs, look at the running pg_dump before reading its output
                let result = try await runner.dump(with: try server.postgresTool(.pgDump)) { output in
                    try await Self.observe(output)
                }
                return (result.value, role)
            }
        }

        // Then
        #expect(seen.bytes > 256 * 1024)
        #expect(seen.arguments.contains("--no-password"))
        #expect(!seen.arguments.contains(password))
        #expect(!seen.ps.contains(password))
        #expect(!seen.environment.contains { $0.contains(password) })
        #expect(seen.environment.contains("PGUSER=\(role)"))
        #expect(seen.environment.contains("PGAPPNAME=pgbm"))
        #expect(seen.environment.contains("LC_MESSAGES=C"))
        let passfile = try #require(seen.passfile)
        #expect(seen.passfileMode == 0o600)
        #expect(!FileManager.default.fileExists(atPath: passfile))
        #expect(!FileManager.default.fileExists(atPath: (passfile as NSString).deletingLastPathComponent))
        #expect(!FileManager.default.fileExists(atPath: stale))
        #expect(FileManager.default.fileExists(atPath: live))
    }

    /// The id of a process that has exited and been reaped.
    static func deadProcessID() async throws -> Int32 {
        try await offPool {
            let process = ChildProcess()
            process.executableURL = URL(fileURLWithPath: "/bin/true")
            try process.run()
            process.waitUntilExit()
            return process.processIdentifier
        }
    }

    /// What the running program shows of itself: arguments, environment, `ps`, the passfile; then reads
    /// the output to its end.
    static func observe(_ output: DumpOutput) async throws -> Observation {
        let pid = output.processID
        // Right after the spawn the child may still be inside execve (empty cmdline); pg_dump then blocks
        // on the full pipe until the output is read.
        var cmdline = Data()
        for _ in 0..<200 {
            cmdline = try Data(contentsOf: URL(fileURLWithPath: "/proc/\(pid)/cmdline"))
            if !cmdline.isEmpty { break }
            try await Task.sleep(for: .milliseconds(10))
        }
        let environ = try Data(contentsOf: URL(fileURLWithPath: "/proc/\(pid)/environ"))
        let ps = try await offPool { try ProcessRunner.run("/bin/ps", ["-eo", "args"]).stdoutText }
        let variables = environ.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
        let passfile = variables.first { $0.hasPrefix("PGPASSFILE=") }.map { String($0.dropFirst(11)) }
        let mode = try passfile.map { try FileManager.default.attributesOfItem(atPath: $0)[.posixPermissions] as? Int }
        var bytes = 0
        for try await block in output { bytes += block.count }
        return Observation(
            arguments: String(decoding: cmdline, as: UTF8.self), environment: variables, ps: ps, passfile: passfile,
            passfileMode: mode ?? nil, bytes: bytes)
    }

    struct Observation: Sendable {
        let arguments: String
        let environment: [String]
        let ps: String
        let passfile: String?
        let passfileMode: Int?
        let bytes: Int
    }

    @Test("pg_dumpall --globals-only dumps roles, with or without their password hashes", arguments: TestServer.all)
    func globals(server: TestServer) async throws {
        try await server.withRole(password: "globals-\(UUID().uuidString)") { role in
            try await Self.checkGlobals(server: server, role: role)
        }
    }

    static func checkGlobals(server: TestServer, role: String) async throws {
        let runner = DumpRunner(connection: try server.settings())
        let tool = try server.postgresTool(.pgDumpall)

        let withHashes = try await runner.dumpGlobals(with: tool) { output in
            var text = Data()
            for try await block in output { text.append(block) }
            return String(decoding: text, as: UTF8.self)
        }
        #expect(withHashes.value.contains("CREATE ROLE \(role);"))
        #expect(withHashes.value.contains("SCRAM-SHA-256$"))
        #expect(!withHashes.value.contains("CREATE TABLE"))

        let withoutHashes = try await runner.dumpGlobals(
            with: tool, options: GlobalsDumpOptions(includeRolePasswords: false)
        ) {
            output in
            var text = Data()
            for try await block in output { text.append(block) }
            return String(decoding: text, as: UTF8.self)
        }
        #expect(withoutHashes.value.contains("CREATE ROLE \(role);"))
        #expect(!withoutHashes.value.contains("SCRAM-SHA-256$"))
    }

    @Test("a failing pg_dump reports its stderr")
    func failure() async throws {
        let server = TestServer(major: 15)
        let error = await #expect(throws: DumpError.self) {
            _ = try await Self.dump(server, database: "pgbm_no_such_db")
        }
        #expect(error?.code == .failed)
        #expect(error?.exitStatus == "exit status 1")
        #expect(error?.standardError.contains("database \"pgbm_no_such_db\" does not exist") == true)
        #expect(error?.description.hasPrefix("pg_dump failed (exit status 1): pg_dump: error:") == true)
    }
}
