import BackupCore
import BackupRepository
import BackupStorage
import Foundation
import PostgresTestSupport
import TestSupport
import Testing

@Suite("Backup pipeline: retention after each backup", .enabled(if: PipelineFixture.available, "needs PostgreSQL and S3: run Scripts/test"))
struct BackupRetentionTests {
    @Test("keep-last 2 deletes exactly the oldest backup, locally and in S3, file and manifest")
    func keepLastTwo() async throws {
        let server = TestServer(major: 15)
        try await server.withDatabase(rows: 100) { name in
            let fixture = try await PipelineFixture(server: server, encrypted: false, bucket: "retention-\(UInt32.random(in: 0...UInt32.max))")
            defer { Task { await fixture.shutdown() } }
            var policy = RetentionSettings()
            (policy.keepLast, policy.daily, policy.weekly, policy.monthly, policy.yearly) = (2, 0, 0, 0, 0)
            try await fixture.store.saveSettings(policy)
            let databaseId = try await fixture.addDatabase(name)
            var runs: [BackupRun] = []
            for _ in 0..<3 { runs.append(try await fixture.backUp(databaseId)) }
            #expect(runs.map(\.state) == [.succeeded, .succeeded, .succeeded], "\(runs.map { $0.error ?? "" })")

            let files = try await fixture.store.files(databaseId: databaseId).sorted { $0.runId < $1.runId }
            #expect(files.count == 3)
            let names = files.map(\.fileName)
            #expect(Set(names).count == 3, "three backups in quick succession get three names")
            #expect(files[0].localPath == nil && files[0].s3Key == nil, "the oldest copy is gone from both places")
            #expect(files[1...].allSatisfy { $0.localPath != nil && $0.s3Key != nil })

            let local = try FileManager.default.contentsOfDirectory(atPath: fixture.directory.path("backups") + "/" + files[0].fileName.prefix { $0 != "_" })
            #expect(Set(local) == Set(names[1...].flatMap { [$0, $0 + ".json"] }))
            // Checked object by object: moto's signature check refuses list requests whose prefix has a `/`.
            let s3 = try await fixture.s3Store()
            let slug = String(files[0].fileName.prefix { $0 != "_" })
            for (index, name) in names.enumerated() {
                for key in ["\(slug)/\(name)", "\(slug)/\(name).json"] {
                    #expect((try await s3.stat(try ObjectKey(key)) != nil) == (index > 0), "\(key)")
                }
            }
            let audit = try await fixture.store.events(AuditFilter(action: "retention.apply"), limit: 10, cursor: nil).items
            #expect(audit.first?.details.contains(#""deleted":2"#) == true, "one file in each place: \(audit.first?.details ?? "")")
        }
    }
}

@Suite("Backup pipeline: driven by the scheduler", .enabled(if: PipelineFixture.available, "needs PostgreSQL and S3: run Scripts/test"))
struct ScheduledBackupTests {
    @Test("the scheduler's run-now goes through the real pipeline and records the outcome")
    func schedulerRunsRealBackup() async throws {
        let server = TestServer(major: 16)
        try await server.withDatabase(rows: 500) { name in
            let fixture = try await PipelineFixture(server: server, encrypted: true, bucket: nil)
            defer { Task { await fixture.shutdown() } }
            let databaseId = try await fixture.addDatabase(name)
            let scheduler = Scheduler(store: fixture.store, worker: try fixture.pipeline(), logger: PipelineFixture.logger)
            await scheduler.start()
            let job = try await scheduler.runNow(databaseId: databaseId)
            var run = try #require(try await fixture.store.run(id: job.runId))
            for _ in 0..<600 where !run.state.isFinal {
                try await Task.sleep(for: .milliseconds(50))
                run = try #require(try await fixture.store.run(id: job.runId))
            }
            await scheduler.stop()
            #expect(run.state == .succeeded, "\(run.error ?? "")")
            let file = try #require(try await fixture.store.files(runId: job.runId).first)
            #expect(file.verificationResult == "passed")
            #expect(file.encrypted && file.passphraseId == "p1")
            #expect(run.sizeBytes == file.sizeBytes && run.checksum == file.sha256)
        }
    }
}
