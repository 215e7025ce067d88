import BackupCore
import BackupDump
import BackupRepository
import BackupStorage
import Foundation
import PostgresTestSupport
import TestSupport
import Testing

/// Every way a restore can fail has its own message, and none of them touches the target database.
@Suite("Restore: failures", .enabled(if: PipelineFixture.available, "needs PostgreSQL 15/16 and S3: run Scripts/test"))
struct RestoreFailureTests {
    let server = TestServer(major: 15)

    /// Backs up a fresh database and runs `body` with the fixture, the backup file and a target database
    /// holding only a marker table.
    func withBackup(bucket: String? = nil, _ body: (PipelineFixture, BackupFile, String) async throws -> Void) async throws {
        try await server.withDatabase(rows: 2000) { name in
            let fixture = try await PipelineFixture(server: server, encrypted: true, bucket: bucket)
            defer { Task { await fixture.shutdown() } }
            let file = try await fixture.file(of: try await fixture.backUp(try await fixture.addDatabase(name)))
            try await RestoreCheck.withTarget(server) { target in
                try await body(fixture, file, target)
                #expect(try await RestoreCheck.untouched(server, database: target), "the target database was changed")
            }
        }
    }

    func restore(_ fixture: PipelineFixture, _ source: RestoreSource, into target: String, passphrase: String? = nil,
                 options: RestoreOptions = RestoreOptions()) async throws -> RestoreJob {
        let request = RestoreRequest(
            source: source, target: RestoreTarget(server: .connection(try server.settings()), database: target), options: options,
            passphrase: passphrase)
        return try await fixture.restore(request, scratch: try TemporaryDirectory())
    }

    @Test("a wrong passphrase is refused by the header's key check")
    func wrongPassphrase() async throws {
        try await withBackup { fixture, file, target in
            let job = try await restore(fixture, .local(path: file.localPath!), into: target, passphrase: "not the passphrase", options: .init(clean: true))
            #expect(job.state == .failed)
            #expect(job.error == "wrong passphrase: the passphrase given does not open \(file.fileName)")
        }
    }

    @Test("a flipped byte fails the manifest's SHA-256; without a manifest, chunk authentication")
    func corrupted() async throws {
        try await withBackup { fixture, file, target in
            let path = try #require(file.localPath)
            let handle = try #require(FileHandle(forUpdatingAtPath: path))
            try handle.seek(toOffset: UInt64(file.sizeBytes / 2))
            let byte = try #require(try handle.read(upToCount: 1)?.first)
            try handle.seek(toOffset: UInt64(file.sizeBytes / 2))
            try handle.write(contentsOf: [byte ^ 0x40])
            try handle.close()
            let job = try await restore(fixture, .local(path: path), into: target, options: .init(clean: true))
            #expect(job.state == .failed)
            #expect(job.error?.hasPrefix("\(file.fileName) is corrupted: its SHA-256") == true, "\(job.error ?? "")")

            try FileManager.default.removeItem(atPath: path + ".json")
            let unlisted = try await restore(fixture, .local(path: path), into: target, options: .init(clean: true))
            #expect(unlisted.state == .failed)
            #expect(unlisted.error?.hasPrefix("the backup is corrupted: corrupted data: chunk") == true, "\(unlisted.error ?? "")")
        }
    }

    @Test("a bare archive (no encryption, no zstd, no manifest) cut short is read through by pg_restore and refused before the target")
    func truncatedBareArchive() async throws {
        try await server.withDatabase(rows: 3000) { name in
            let fixture = try await PipelineFixture(server: server, encrypted: false, bucket: nil)
            defer { Task { await fixture.shutdown() } }
            var settings = BackupSettings()
            settings.compression = "none"
            try await fixture.store.saveSettings(settings)
            let file = try await fixture.file(of: try await fixture.backUp(try await fixture.addDatabase(name)))
            let path = try #require(file.localPath)
            #expect(file.fileName.hasSuffix(".dump"))
            try FileManager.default.removeItem(atPath: path + ".json")
            let handle = try #require(FileHandle(forUpdatingAtPath: path))
            try handle.truncate(atOffset: UInt64(file.sizeBytes - 200))
            try handle.close()
            try await RestoreCheck.withTarget(server) { target in
                let job = try await restore(fixture, .local(path: path), into: target, options: .init(clean: true))
                #expect(job.state == .failed)
                #expect(job.error?.hasPrefix("the backup is not a readable archive: pg_restore failed") == true, "\(job.error ?? "")")
                #expect(try await RestoreCheck.untouched(server, database: target))
            }
        }
    }

    @Test("a truncated object in the bucket is reported as truncated")
    func truncatedDownload() async throws {
        try await withBackup(bucket: "restore-truncated") { fixture, file, target in
            let key = try #require(file.s3Key)
            let short = try TemporaryDirectory()
            let data = try #require(FileManager.default.contents(atPath: file.localPath!))
            try data.prefix(data.count - 1000).write(to: short.url.appendingPathComponent("short"))
            _ = try await fixture.s3Store().client.upload(file: short.path("short"), key: key)
            let job = try await restore(fixture, .s3(key: key), into: target, options: .init(clean: true))
            #expect(job.state == .failed)
            #expect(job.error == "\(file.fileName) is truncated: \(file.sizeBytes - 1000) of the \(file.sizeBytes) bytes its manifest records")
        }
    }

    @Test("an unreachable target server fails with the connection error")
    func unreachableTarget() async throws {
        try await withBackup { fixture, file, _ in
            let port = try FreePort.next()
            let settings = ConnectionSettings(host: "127.0.0.1", port: port, database: "app", user: "postgres", sslMode: .disable)
            let request = RestoreRequest(source: .local(path: file.localPath!), target: RestoreTarget(server: .connection(settings)))
            let job = try await fixture.restore(request, scratch: try TemporaryDirectory())
            #expect(job.state == .failed)
            #expect(job.error?.hasPrefix("cannot connect to the target server: ") == true, "\(job.error ?? "")")
            #expect(job.error?.contains("127.0.0.1:\(port)") == true)
        }
    }

    @Test("an existing database with tables is refused without clean; create refuses an existing name")
    func targetExists() async throws {
        try await withBackup { fixture, file, target in
            let job = try await restore(fixture, .local(path: file.localPath!), into: target)
            #expect(job.state == .failed)
            #expect(job.error?.contains("already holds 1 tables: restore with clean") == true, "\(job.error ?? "")")

            let request = RestoreRequest(
                source: .local(path: file.localPath!),
                target: RestoreTarget(server: .connection(try server.settings()), database: target, create: true))
            let create = try await fixture.restore(request, scratch: try TemporaryDirectory())
            #expect(create.error?.hasPrefix("database \"\(target)\" already exists") == true, "\(create.error ?? "")")
        }
    }

    @Test("a backup of PostgreSQL 16 is refused by a PostgreSQL 15 server")
    func olderTargetRefused() async throws {
        let newer = TestServer(major: 16)
        try await newer.withDatabase(rows: 10) { name in
            let fixture = try await PipelineFixture(server: newer, encrypted: false, bucket: nil)
            defer { Task { await fixture.shutdown() } }
            let file = try await fixture.file(of: try await fixture.backUp(try await fixture.addDatabase(name)))
            try await RestoreCheck.withTarget(server) { target in
                let request = RestoreRequest(
                    source: .local(path: file.localPath!), target: RestoreTarget(server: .connection(try server.settings()), database: target),
                    options: RestoreOptions(clean: true))
                let job = try await fixture.restore(request, scratch: try TemporaryDirectory())
                #expect(job.state == .failed)
                #expect(job.error?.contains("restoring into an older major version is not supported; restore into PostgreSQL 16 or newer") == true, "\(job.error ?? "")")
                #expect(try await RestoreCheck.untouched(server, database: target))
            }
        }
    }
}
