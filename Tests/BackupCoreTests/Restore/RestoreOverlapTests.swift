@testable import BackupCore
import BackupDump
import BackupRepository
import BackupStorage
import Foundation
import PostgresTestSupport
import Synchronization
import TestSupport
import Testing

/// Issue 17: the checks before a restore run side by side, a restore into a database it creates streams
/// before the file's SHA-256 is known, and the parallel restore reads the file once. None of it may cost
/// safety: a bad file never damages an existing database, and a database filled from one is dropped.
@Suite("Restore: checks beside the data", .enabled(if: PipelineFixture.available, "needs PostgreSQL 15/16 and S3: run Scripts/test"))
struct RestoreOverlapTests {
    let server = TestServer(major: 15)
    /// Rows of hashes that make a backup file of several MiB, so a listing (which reads only the archive's
    /// start) cannot reach the file's end, and damage near the end is found only while the data streams.
    static let bulkRows = 200_000

    /// How a test spoils a good backup.
    enum Damage: String, CustomTestStringConvertible, Sendable {
        /// The manifest records another SHA-256: the file is whole and authentic, but not the one the
        /// manifest describes (swapped) — only the whole-file hash can tell.
        case manifestDigest
        /// A byte near the end of the file flipped: a chunk past what the listing reads fails
        /// authentication while it streams.
        case flippedByte

        var testDescription: String { rawValue }

        func apply(to file: BackupFile) throws {
            let path = try #require(file.localPath)
            switch self {
            case .manifestDigest:
                let manifestPath = BackupManifest.name(forFile: path)
                let data = try Data(contentsOf: URL(fileURLWithPath: manifestPath))
                var manifest = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
                let digest = try #require(manifest["sha256"] as? String)
                manifest["sha256"] = String(digest.reversed())
                try JSONSerialization.data(withJSONObject: manifest).write(to: URL(fileURLWithPath: manifestPath))
            case .flippedByte:
                try RestoreOverlapTests.flipByte(in: path, at: UInt64(file.sizeBytes - 100))
            }
        }
    }

    static func flipByte(in path: String, at offset: UInt64) throws {
        let handle = try #require(FileHandle(forUpdatingAtPath: path))
        defer { try? handle.close() }
        try handle.seek(toOffset: offset)
        let byte = try #require(try handle.read(upToCount: 1)?.first)
        try handle.seek(toOffset: offset)
        try handle.write(contentsOf: [byte ^ 0x40])
    }

    /// A restore service on the fixture's store with `hooks`, and the test servers' programs unless
    /// `locator` says otherwise.
    func service(_ fixture: PipelineFixture, scratch: TemporaryDirectory, locator: ToolLocator? = nil, hooks: RestoreHooks = RestoreHooks())
        async throws -> RestoreService
    {
        let service: RestoreService
        if let locator {
            service = RestoreService(
                store: fixture.store, locator: locator, s3: S3Connector(httpClient: fixture.http.client, logger: PipelineFixture.logger),
                scratchDirectory: scratch.url.path, logger: PipelineFixture.logger)
        } else {
            service = try fixture.restoreService(scratch: scratch)
        }
        await service.setHooks(hooks)
        return service
    }

    func run(_ service: RestoreService, _ request: RestoreRequest) async throws -> RestoreJob {
        let job = try await service.start(request, requester: .init(kind: .cli, name: "test"))
        let id = try #require(job.id)
        return try #require(await service.wait(jobId: id))
    }

    func exists(_ database: String) async throws -> Bool {
        try await server.psql("SELECT count(*) FROM pg_database WHERE datname = '\(database)'") == "1"
    }

    /// Backs up a fresh database (3 tables with data; `bulkRows` more rows of hashes in a 4th, to make the
    /// file several MiB) and runs `body` with the fixture, the backup file and the source database's name.
    func withBackup(bulkRows: Int = 0, _ body: (PipelineFixture, BackupFile, String) async throws -> Void) async throws {
        try await server.withDatabase(rows: 2000) { name in
            if bulkRows > 0 {
                try await server.psql(
                    "CREATE TABLE public.bulk AS SELECT g AS id, md5(random()::text) || md5(random()::text) AS a FROM generate_series(1, \(bulkRows)) g",
                    database: name)
            }
            let fixture = try await PipelineFixture(server: server, encrypted: true, bucket: nil)
            defer { Task { await fixture.shutdown() } }
            let file = try await fixture.file(of: try await fixture.backUp(try await fixture.addDatabase(name)))
            try await body(fixture, file, name)
        }
    }

    // MARK: (a) streamed into a database this restore created, then checked

    @Test("a bad file streamed into the database the restore created fails the job and drops that database",
          arguments: [Damage.manifestDigest, .flippedByte])
    func badFileDropsCreatedDatabase(damage: Damage) async throws {
        try await withBackup(bulkRows: Self.bulkRows) { fixture, file, source in
            let before = try await RestoreCheck.fingerprint(server, database: source)
            try damage.apply(to: file)
            let copy = source + "_created"
            defer { Task { await RestoreCheck.drop(server, copy) } }
            let scratch = try TemporaryDirectory()
            let request = RestoreRequest(
                source: .local(path: try #require(file.localPath)),
                target: RestoreTarget(server: .connection(try server.settings()), database: copy, create: true))

            let job = try await run(try await service(fixture, scratch: scratch), request)

            #expect(job.state == .failed)
            let error = try #require(job.error)
            #expect(error.hasPrefix("\(file.fileName) is corrupted: its SHA-256"), "\(error)")
            // A swapped file streams whole before its hash differs; a damaged chunk near the end is found
            // while streaming too, unless the listing's read-ahead reached it first (then nothing was created).
            if damage == .manifestDigest || error.contains("dropped") {
                #expect(error.hasSuffix("; the database \"\(copy)\" this restore created was dropped"), "\(error)")
            }
            #expect(try await !exists(copy), "the database filled from the bad file is gone")
            #expect(try await RestoreCheck.fingerprint(server, database: source) == before, "the source is untouched")
            #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.url.path).isEmpty)
            let audit = try await fixture.store.events(AuditFilter(action: "restore.run"), limit: 1, cursor: nil).items.first
            #expect(audit?.outcome == .failure && audit?.details.contains("corrupted") == true)
        }
    }

    @Test("a good file streamed into a created database passes the check after the stream")
    func goodFileIntoCreatedDatabase() async throws {
        try await withBackup(bulkRows: Self.bulkRows) { fixture, file, source in
            let copy = source + "_good"
            defer { Task { await RestoreCheck.drop(server, copy) } }
            let hashedReads = Atomic<Int>(0)
            let hooks = RestoreHooks(fileReadToEnd: { _, hashed in if hashed { hashedReads.add(1, ordering: .relaxed) } })
            let request = RestoreRequest(
                source: .local(path: try #require(file.localPath)),
                target: RestoreTarget(server: .connection(try server.settings()), database: copy, create: true))

            let job = try await run(try await service(fixture, scratch: try TemporaryDirectory(), hooks: hooks), request)

            #expect(job.state == .succeeded, "\(job.error ?? "")")
            #expect(try await RestoreCheck.fingerprint(server, database: copy) == RestoreCheck.fingerprint(server, database: source))
            #expect(hashedReads.load(ordering: .relaxed) == 1, "one read of the file restored and hashed it")
            #expect(file.sizeBytes > 4 << 20, "the file is large enough that a listing stops before its end")
        }
    }

    // MARK: (b) clean into an existing database: verified first

    @Test("a clean restore into an existing database refuses a bad file before touching it", arguments: [1, 2])
    func cleanIntoExistingVerifiesFirst(jobs: Int) async throws {
        try await withBackup { fixture, file, _ in
            try Damage.manifestDigest.apply(to: file)
            try await RestoreCheck.withTarget(server) { target in
                let request = RestoreRequest(
                    source: .local(path: try #require(file.localPath)),
                    target: RestoreTarget(server: .connection(try server.settings()), database: target),
                    options: RestoreOptions(clean: true, jobs: jobs))

                let job = try await run(try await service(fixture, scratch: try TemporaryDirectory()), request)

                #expect(job.state == .failed)
                #expect(job.error?.hasPrefix("\(file.fileName) is corrupted: its SHA-256") == true, "\(job.error ?? "")")
                #expect(job.error?.contains("dropped") == false)
                #expect(try await RestoreCheck.untouched(server, database: target), "the existing database was changed")
            }
        }
    }

    // MARK: (c) jobs > 1: one pass checks the file and writes the scratch archive

    @Test("with jobs 2 the pass that checks the file writes the scratch archive; the file is not read again")
    func parallelReadsTheFileOnce() async throws {
        try await withBackup(bulkRows: Self.bulkRows) { fixture, file, source in
            #expect(file.sizeBytes > 4 << 20, "the file is large enough that a listing stops before its end")
            let copy = source + "_parallel"
            defer { Task { await RestoreCheck.drop(server, copy) } }
            let path = try #require(file.localPath)
            let size = UInt64(file.sizeBytes)
            // The read that hashes the file must be the one writing the scratch archive (which exists by
            // then); once it reached the file's end, the file is damaged: any later read of it (restoring
            // from it instead of the scratch archive) would fail authentication. A listing may read to the
            // end too (it reads ahead), but it hashes nothing.
            let scratch = try TemporaryDirectory()
            let hashedReads = Mutex<[Bool]>([])
            let hooks = RestoreHooks(fileReadToEnd: { readPath, hashed in
                guard hashed, readPath == path else { return }
                let expanding = ((try? FileManager.default.contentsOfDirectory(atPath: scratch.url.path)) ?? [])
                    .contains { $0.hasSuffix("archive.dump") }
                let first = hashedReads.withLock { reads in
                    reads.append(expanding)
                    return reads.count == 1
                }
                if first { try? RestoreOverlapTests.flipByte(in: readPath, at: size / 2) }
            })
            let request = RestoreRequest(
                source: .local(path: path),
                target: RestoreTarget(server: .connection(try server.settings()), database: copy, create: true),
                options: RestoreOptions(jobs: 2))

            let job = try await run(try await service(fixture, scratch: scratch, hooks: hooks), request)

            #expect(job.state == .succeeded, "\(job.error ?? "")")
            #expect(RestoreDetails.decode(job.details)?.jobs == 2)
            #expect(hashedReads.withLock { $0 } == [true], "one read hashed the file, and it wrote the scratch archive")
            #expect(try await RestoreCheck.fingerprint(server, database: copy, tables: RestoreCheck.tables + ["public.bulk"])
                == RestoreCheck.fingerprint(server, database: source, tables: RestoreCheck.tables + ["public.bulk"]))
        }
    }

    // MARK: (d) the checks side by side fail as they did one after the other

    @Test("a wrong passphrase fails before a database is created")
    func wrongPassphraseCreatesNothing() async throws {
        try await withBackup { fixture, file, source in
            let copy = source + "_never"
            defer { Task { await RestoreCheck.drop(server, copy) } }
            let request = RestoreRequest(
                source: .local(path: try #require(file.localPath)),
                target: RestoreTarget(server: .connection(try server.settings()), database: copy, create: true),
                passphrase: "not the passphrase")
            let job = try await run(try await service(fixture, scratch: try TemporaryDirectory()), request)
            #expect(job.state == .failed)
            #expect(job.error == "wrong passphrase: the passphrase given does not open \(file.fileName)")
            #expect(try await !exists(copy))
        }
    }

    @Test("an unreachable target is reported before a wrong passphrase or a missing file, as before")
    func unreachableTargetWinsOverOtherFailures() async throws {
        try await withBackup { fixture, file, _ in
            let port = try FreePort.next()
            let settings = ConnectionSettings(host: "127.0.0.1", port: port, database: "app", user: "postgres", sslMode: .disable)
            let service = try await service(fixture, scratch: try TemporaryDirectory())
            for source in [RestoreSource.local(path: try #require(file.localPath)), .local(path: "/nonexistent/app.dump.zst.enc")] {
                let job = try await run(
                    service, RestoreRequest(source: source, target: RestoreTarget(server: .connection(settings)), passphrase: "not the passphrase"))
                #expect(job.state == .failed)
                #expect(job.error?.hasPrefix("cannot connect to the target server: ") == true, "\(job.error ?? "")")
            }
        }
    }

    @Test("no pg_restore installed fails the restore with the tool error and creates nothing")
    func missingTool() async throws {
        try await withBackup { fixture, file, source in
            let copy = source + "_notool"
            defer { Task { await RestoreCheck.drop(server, copy) } }
            let nothing = ToolLocator(configuredPaths: [:], debianRoot: nil, searchPath: [])
            let request = RestoreRequest(
                source: .local(path: try #require(file.localPath)),
                target: RestoreTarget(server: .connection(try server.settings()), database: copy, create: true))
            let job = try await run(try await service(fixture, scratch: try TemporaryDirectory(), locator: nothing), request)
            #expect(job.state == .failed)
            #expect(job.error == "no pg_restore is installed: install postgresql-client or set backup.pg_restore_path")
            #expect(try await !exists(copy))

            let wrong = RestoreRequest(source: request.source, target: request.target, passphrase: "not the passphrase")
            let both = try await run(try await service(fixture, scratch: try TemporaryDirectory(), locator: nothing), wrong)
            #expect(both.error == "wrong passphrase: the passphrase given does not open \(file.fileName)", "the passphrase is checked first, as before")
        }
    }
}
