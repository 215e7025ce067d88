import BackupCore
import BackupDump
import BackupRepository
import BackupStorage
import Foundation
import PostgresTestSupport
import TestSupport
import Testing

@Suite("Restore: real round trips", .enabled(if: PipelineFixture.available, "needs PostgreSQL 15/16 and S3: run Scripts/test"))
struct RestoreRoundTripTests {
    @Test("an encrypted local backup restores into a new database with identical rows", arguments: TestServer.all)
    func localIntoNewDatabase(server: TestServer) async throws {
        try await server.withDatabase(rows: 5000) { name in
            let fixture = try await PipelineFixture(server: server, encrypted: true, bucket: nil)
            defer { Task { await fixture.shutdown() } }
            let run = try await fixture.backUp(try await fixture.addDatabase(name))
            let file = try await fixture.file(of: run)
            let copy = name + "_copy"
            defer { Task { await RestoreCheck.drop(server, copy) } }
            let scratch = try TemporaryDirectory()
            let target = RestoreTarget(server: .connection(try server.settings()), database: copy, create: true)
            let job = try await fixture.restore(
                RestoreRequest(source: .local(path: try #require(file.localPath)), target: target, countRows: true), scratch: scratch)

            #expect(job.state == .succeeded, "\(job.error ?? "")")
            #expect(job.progressBytes == file.sizeBytes && job.totalBytes == file.sizeBytes)
            let details = try #require(RestoreDetails.decode(job.details))
            #expect(details.rowCounts?["public.items"] == 5000)
            #expect(details.tool?.hasPrefix("pg_restore \(server.major)") == true)
            #expect(try await RestoreCheck.fingerprint(server, database: copy) == RestoreCheck.fingerprint(server, database: name))
            #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.url.path).isEmpty)
            let audit = try await fixture.store.events(AuditFilter(action: "restore.run"), limit: 5, cursor: nil).items
            #expect(audit.first?.outcome == .success && audit.first?.targetId == job.id.map(String.init))
        }
    }

    @Test("an S3 backup restores into the existing database with clean, in parallel, replacing changed rows", arguments: TestServer.all)
    func s3IntoExistingWithClean(server: TestServer) async throws {
        try await server.withDatabase(rows: 3000) { name in
            let fixture = try await PipelineFixture(server: server, encrypted: true, bucket: "restore-clean-\(server.major)")
            defer { Task { await fixture.shutdown() } }
            let databaseId = try await fixture.addDatabase(name)
            let run = try await fixture.backUp(databaseId)
            let key = try #require(try await fixture.file(of: run).s3Key)
            let original = try await RestoreCheck.fingerprint(server, database: name)
            try await server.psql("DELETE FROM items WHERE id > 100; INSERT INTO extra.notes VALUES ('later'); DROP TABLE audit", database: name)

            let scratch = try TemporaryDirectory()
            let request = RestoreRequest(
                source: .s3(key: key), target: RestoreTarget(server: .configured(databaseId: databaseId)),
                options: RestoreOptions(clean: true, jobs: 2))
            let job = try await fixture.restore(request, scratch: scratch)

            #expect(job.state == .succeeded, "\(job.error ?? "")")
            #expect(RestoreDetails.decode(job.details)?.jobs == 2)
            #expect(try await RestoreCheck.fingerprint(server, database: name) == original)
            #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.url.path).isEmpty, "download and expanded archive removed")
        }
    }

    @Test("a fresh data directory lists the bucket through manifests and restores another installation's backup")
    func freshInstallation() async throws {
        let server = TestServer(major: 16)
        try await server.withDatabase(rows: 2000) { name in
            let bucket = "restore-fresh"
            let writer = try await PipelineFixture(server: server, encrypted: true, bucket: bucket)
            defer { Task { await writer.shutdown() } }
            let run = try await writer.backUp(try await writer.addDatabase(name))
            let key = try #require(try await writer.file(of: run).s3Key)

            let reader = try await PipelineFixture(server: server, encrypted: false, bucket: bucket)
            defer { Task { await reader.shutdown() } }
            #expect(try await reader.store.files(databaseId: 1).isEmpty, "the new store knows nothing of the backup")
            let entries = try await BackupCatalog.list(bucket: try await reader.s3Store())
            let entry = try #require(entries.first { $0.key == key })
            #expect(entry.manifest?.databaseName == name && entry.manifest?.passphraseId == "p1")
            #expect(!entries.contains { $0.key.hasSuffix(".json") })

            let copy = name + "_fresh"
            defer { Task { await RestoreCheck.drop(server, copy) } }
            let target = RestoreTarget(server: .connection(try server.settings()), database: copy, create: true)
            let scratch = try TemporaryDirectory()
            let withoutPassphrase = try await reader.restore(RestoreRequest(source: .s3(key: key), target: target), scratch: scratch)
            #expect(withoutPassphrase.state == .failed)
            #expect(withoutPassphrase.error?.contains("passphrase \"p1\", which this installation does not hold") == true)

            let job = try await reader.restore(
                RestoreRequest(source: .s3(key: key), target: target, passphrase: PipelineFixture.passphrase), scratch: scratch)
            #expect(job.state == .succeeded, "\(job.error ?? "")")
            #expect(try await RestoreCheck.fingerprint(server, database: copy) == RestoreCheck.fingerprint(server, database: name))
        }
    }

    @Test("a plain SQL backup restores through psql into a new database")
    func plainSQL() async throws {
        let server = TestServer(major: 15)
        try await server.withDatabase(rows: 500) { name in
            let fixture = try await PipelineFixture(server: server, encrypted: true, bucket: nil)
            defer { Task { await fixture.shutdown() } }
            var settings = BackupSettings()
            settings.format = "plain"
            try await fixture.store.saveSettings(settings)
            let run = try await fixture.backUp(try await fixture.addDatabase(name))
            let file = try await fixture.file(of: run)
            #expect(file.fileName.hasSuffix(".sql.zst.enc"))
            let copy = name + "_plain"
            defer { Task { await RestoreCheck.drop(server, copy) } }
            let target = RestoreTarget(server: .connection(try server.settings()), database: copy, create: true)
            let job = try await fixture.restore(
                RestoreRequest(source: .local(path: try #require(file.localPath)), target: target), scratch: try TemporaryDirectory())
            #expect(job.state == .succeeded, "\(job.error ?? "")")
            #expect(RestoreDetails.decode(job.details)?.tool?.hasPrefix("psql") == true)
            #expect(try await RestoreCheck.fingerprint(server, database: copy) == RestoreCheck.fingerprint(server, database: name))
        }
    }
}
