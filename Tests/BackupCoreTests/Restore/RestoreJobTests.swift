import BackupCore
import BackupDump
import BackupRepository
import BackupStorage
import Foundation
import Logging
import PostgresTestSupport
import TestSupport
import Testing

/// The job side of restores: cancelling, uploads, secrets kept out of every record.
@Suite("Restore: jobs", .enabled(if: PipelineFixture.available, "needs PostgreSQL 15/16 and S3: run Scripts/test"))
struct RestoreJobTests {
    let server = TestServer(major: 15)

    @Test("a running restore is cancelled: the job ends cancelled and its scratch files are gone")
    func cancel() async throws {
        try await server.withDatabase(rows: 1_200_000) { name in  // big enough that the restore outlasts the polling under load
            let fixture = try await PipelineFixture(server: server, encrypted: true, bucket: nil)
            defer { Task { await fixture.shutdown() } }
            let file = try await fixture.file(of: try await fixture.backUp(try await fixture.addDatabase(name)))
            let copy = name + "_cancel"
            defer { Task { await RestoreCheck.drop(server, copy) } }
            let scratch = try TemporaryDirectory()
            let service = try fixture.restoreService(scratch: scratch)
            let request = RestoreRequest(
                source: .local(path: try #require(file.localPath)),
                target: RestoreTarget(server: .connection(try server.settings()), database: copy, create: true),
                options: RestoreOptions(jobs: 2))
            let job = try await service.start(request, requester: .init(kind: .cli, name: "test"))
            let id = try #require(job.id)
            var seen = Set<RestoreJob.State>()
            let deadline = Date().addingTimeInterval(60)
            while Date() < deadline, let current = try await fixture.store.restoreJob(id: id), current.state != .restoring {
                seen.insert(current.state)
                try await Task.sleep(for: .milliseconds(5))
            }
            #expect(try await fixture.store.restoreJob(id: id)?.state == .restoring)
            #expect(await service.cancel(jobId: id))
            let finished = try #require(await service.wait(jobId: id))
            #expect(finished.state == .cancelled, "\(finished.error ?? "")")
            #expect(finished.error == "cancelled")
            #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.url.path).isEmpty)
            #expect(!(await service.cancel(jobId: id)), "a finished job cannot be cancelled")
        }
    }

    @Test("one restore at a time: a second job stays queued, can be cancelled there, and a third runs after the first")
    func queue() async throws {
        try await server.withDatabase(rows: 200_000) { name in
            let fixture = try await PipelineFixture(server: server, encrypted: true, bucket: nil)
            defer { Task { await fixture.shutdown() } }
            let file = try await fixture.file(of: try await fixture.backUp(try await fixture.addDatabase(name)))
            let copies = ["_q1", "_q2", "_q3"].map { name + $0 }
            defer { Task { for copy in copies { await RestoreCheck.drop(server, copy) } } }
            let service = try fixture.restoreService(scratch: try TemporaryDirectory())
            func request(_ copy: String) throws -> RestoreRequest {
                RestoreRequest(
                    source: .local(path: try #require(file.localPath)),
                    target: RestoreTarget(server: .connection(try server.settings()), database: copy, create: true))
            }
            let first = try #require(try await service.start(request(copies[0]), requester: .init(kind: .cli, name: "test")).id)
            let deadline = Date().addingTimeInterval(60)
            while Date() < deadline, try await fixture.store.restoreJob(id: first)?.startedAt == nil { try await Task.sleep(for: .milliseconds(5)) }
            let second = try #require(try await service.start(request(copies[1]), requester: .init(kind: .cli, name: "test")).id)
            let queued = try #require(try await fixture.store.restoreJob(id: second))
            #expect(queued.state == .queued && queued.startedAt == nil)
            #expect(await service.cancel(jobId: second))
            let cancelled = try #require(await service.wait(jobId: second))
            #expect(cancelled.state == .cancelled && cancelled.startedAt == nil)
            #expect(try await server.psql("SELECT count(*) FROM pg_database WHERE datname = '\(copies[1])'") == "0")
            let third = try #require(try await service.start(request(copies[2]), requester: .init(kind: .cli, name: "test")).id)
            #expect(await service.wait(jobId: first)?.state == .succeeded)
            #expect(await service.wait(jobId: third)?.state == .succeeded)
            let (a, c) = (try #require(try await fixture.store.restoreJob(id: first)), try #require(try await fixture.store.restoreJob(id: third)))
            #expect(try #require(c.startedAt) >= (try #require(a.finishedAt)).addingTimeInterval(-0.01), "the third started before the first ended")
        }
    }

    @Test("an uploaded file restores and is deleted when the job ends")
    func upload() async throws {
        try await server.withDatabase(rows: 300) { name in
            let fixture = try await PipelineFixture(server: server, encrypted: true, bucket: nil)
            defer { Task { await fixture.shutdown() } }
            let file = try await fixture.file(of: try await fixture.backUp(try await fixture.addDatabase(name)))
            let uploads = try TemporaryDirectory()
            try FileManager.default.copyItem(atPath: try #require(file.localPath), toPath: uploads.path("upload-1"))
            let copy = name + "_upload"
            defer { Task { await RestoreCheck.drop(server, copy) } }
            let request = RestoreRequest(
                source: .upload(path: uploads.path("upload-1"), fileName: file.fileName),
                target: RestoreTarget(server: .connection(try server.settings()), database: copy, create: true))
            let job = try await fixture.restore(request, scratch: try TemporaryDirectory())
            #expect(job.state == .succeeded, "\(job.error ?? "")")
            #expect(job.source == #"{"file_name":"\#(file.fileName)","kind":"upload"}"#)
            #expect(!FileManager.default.fileExists(atPath: uploads.path("upload-1")))
            #expect(try await RestoreCheck.fingerprint(server, database: copy) == RestoreCheck.fingerprint(server, database: name))
        }
    }

    @Test("a target password never reaches the job, its error, the audit log or the logs, and pg_restore's error is kept")
    func secretsStayOut() async throws {
        let canary = "canary-\(UInt32.random(in: 0...UInt32.max))-secret"
        try await server.withDatabase(rows: 50) { name in
            try await server.withRole(password: canary) { role in
                let fixture = try await PipelineFixture(server: server, encrypted: true, bucket: nil)
                defer { Task { await fixture.shutdown() } }
                let file = try await fixture.file(of: try await fixture.backUp(try await fixture.addDatabase(name)))
                // The role may read but not create: the restore reaches pg_restore, which fails.
                let target = try server.settings(database: name, user: role, password: canary)
                let (logger, logs) = RecordingLogHandler.logger()
                let scratch = try TemporaryDirectory()
                let service = RestoreService(
                    store: fixture.store, locator: ToolLocator(configuredPaths: [.pgRestore: [try server.tool("pg_restore")]], debianRoot: nil, searchPath: []),
                    s3: S3Connector(httpClient: nil, logger: logger), scratchDirectory: scratch.url.path, logger: logger)
                let request = RestoreRequest(
                    source: .local(path: try #require(file.localPath)), target: RestoreTarget(server: .connection(target)),
                    options: RestoreOptions(clean: true))
                let job = try await service.start(request, requester: .init(kind: .cli, name: "test"))
                let id = try #require(job.id)
                let finished = try #require(await service.wait(jobId: id))
                #expect(finished.state == .failed)
                #expect(finished.error?.hasPrefix("pg_restore failed (exit status 1): ") == true, "\(finished.error ?? "")")
                #expect(finished.error?.contains("must be owner") == true, "\(finished.error ?? "")")
                let audit = try await fixture.store.events(AuditFilter(action: "restore.run"), limit: 5, cursor: nil).items
                let everything = [finished.error ?? "", finished.source, finished.target, finished.details ?? ""]
                    + audit.map(\.details) + logs.messages
                #expect(!everything.contains { $0.contains(canary) })
                #expect(logs.messages.contains { $0.hasPrefix("restore failed") })
                #expect(audit.first?.outcome == .failure)
            }
        }
    }
}
