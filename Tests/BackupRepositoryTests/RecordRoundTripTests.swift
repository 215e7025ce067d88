import BackupRepository
import Foundation
import TestSupport
import Testing

@Suite("Store round trips")
struct RecordRoundTripTests {
    /// Whole seconds: SQLite keeps milliseconds, so these read back exactly.
    static let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    @Test("a database keeps every field, gets a slug that never changes, and keeps history when deleted")
    func databases() async throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        let created = try await store.createDatabase(StoreFixture.sampleDatabase(createdAt: Self.t0), password: Secret("pw-1"))
        #expect(created.slug == "billing-db-eu")
        #expect(stored(try await store.database(id: created.id!)) == stored(created))
        var renamed = created
        renamed.name = "Billing"
        renamed.port = 6432
        let updated = try await store.updateDatabase(renamed, password: nil)
        #expect(updated.slug == "billing-db-eu")
        #expect(try await store.password(ofDatabase: created.id!)?.revealed == "pw-1")
        try await store.deleteDatabase(id: created.id!)
        #expect(try await store.databases(includingDeleted: false).isEmpty)
        #expect(try await store.databases(includingDeleted: true).first?.deletedAt != nil)
        #expect(try await fixture.reopen().database(id: created.id!)?.port == 6432)
    }

    @Test("schedules, runs with their state machine, files, and interrupted runs")
    func schedulesRunsFiles() async throws {
        let store = try StoreFixture().store
        let database = try await store.createDatabase(StoreFixture.sampleDatabase(), password: nil)
        let schedule = try await store.createSchedule(Schedule(databaseId: database.id!, cron: "0 2 * * *", timeZone: "Europe/Berlin"))
        try await store.recordRun(scheduleId: schedule.id!, lastRunAt: Date(timeIntervalSince1970: 100), nextRunAt: Date(timeIntervalSince1970: 200))
        #expect(try await store.schedule(id: schedule.id!)?.nextRunAt == Date(timeIntervalSince1970: 200))
        let run = try await store.createRun(BackupRun(databaseId: database.id!, scheduleId: schedule.id, trigger: .schedule, queuedAt: Self.t0))
        let running = try await store.transitionRun(id: run.id!, to: .running, at: Self.t0 + 1) { _ in }
        #expect(running.startedAt != nil)
        let done = try await store.transitionRun(id: run.id!, to: .succeeded, at: Self.t0 + 2) { $0.sizeBytes = 42; $0.checksum = "ab" }
        #expect(stored(try await store.run(id: run.id!)) == stored(done))
        let error = await #expect(throws: StoreError.self) { try await store.transitionRun(id: run.id!, to: .running, at: Self.t0 + 1) { _ in } }
        #expect(error?.code == .invalidTransition)
        var file = try await store.addFile(BackupFile(
            runId: run.id!, databaseId: database.id!, fileName: "billing-db-eu_20261126T020000Z.dump.zst.enc",
            localPath: "/b/x", encrypted: true, iterations: 600_000, passphraseId: "k1", serverVersion: "15.18",
            pgDumpVersion: "15.18", sizeBytes: 42, sha256: "ab", createdAt: Self.t0))
        file.verificationResult = "passed"
        try await store.updateFile(file)
        #expect(stored(try await store.files(runId: run.id!)) == stored([file]))
        _ = try await store.createRun(BackupRun(databaseId: database.id!, trigger: .manual))
        #expect(try await store.failInterruptedRuns(at: Date()) == 1)
        #expect(try await store.runs(databaseId: nil, state: .failed, limit: 10, cursor: nil).items.first?.error?.contains("interrupted") == true)
    }

    @Test("restore jobs, settings groups, users, sessions and tokens")
    func restoresSettingsUsers() async throws {
        let store = try StoreFixture().store
        var job = try await store.createRestoreJob(RestoreJob(source: #"{"kind":"local"}"#, target: #"{"database_id":1}"#, createdAt: Self.t0))
        job.state = .restoring
        job.progressBytes = 1000
        try await store.updateRestoreJob(job)
        #expect(stored(try await store.restoreJob(id: job.id!)) == stored(job))
        #expect(try await store.failInterruptedRestoreJobs(at: Date()) == 1)

        var s3 = S3Settings()
        s3.enabled = true
        s3.bucket = "backups"
        s3.accessKeyId = "AKIA1"
        try await store.saveSettings(s3)
        #expect(try await store.settings(S3Settings.self) == s3)
        #expect(try await store.settings(RetentionSettings.self) == .defaults)
        let general = try await store.initializeInstallation(backupDirectory: "./backups")
        #expect(general.backupDirectory.hasPrefix("/") && general.backupDirectory.hasSuffix("/backups"))
        #expect(try await store.initializeInstallation(backupDirectory: "/elsewhere").installationId == general.installationId)

        let user = try await store.createUser(User(username: "admin", passwordHash: "$2b$12$hash", role: .admin, createdAt: Self.t0))
        #expect(stored(try await store.user(named: "admin")) == stored(user))
        let session = UserSession(tokenHash: "t1", userId: user.id!, csrfTokenHash: "c1", expiresAt: Date(timeIntervalSinceNow: 3600))
        try await store.createSession(session)
        #expect(try await store.session(tokenHash: "t1", now: Date()) != nil)
        #expect(try await store.session(tokenHash: "t1", now: Date(timeIntervalSinceNow: 7200)) == nil)
        let token = try await store.createToken(APIToken(userId: user.id!, name: "ci", tokenHash: "h1", createdAt: Self.t0))
        #expect(stored(try await store.token(hash: "h1", now: Date())) == stored(token))
        try await store.deleteToken(id: token.id!)
        #expect(try await store.tokens(userId: user.id!).isEmpty)
    }

    @Test("paging through runs returns every row once, newest first")
    func paging() async throws {
        let store = try StoreFixture().store
        let database = try await store.createDatabase(StoreFixture.sampleDatabase(), password: nil)
        for _ in 0..<25 { _ = try await store.createRun(BackupRun(databaseId: database.id!, trigger: .cli)) }
        var seen: [Int64] = []
        var cursor: String?
        repeat {
            let page = try await store.runs(databaseId: database.id, state: nil, limit: 10, cursor: cursor)
            seen += page.items.compactMap(\.id)
            cursor = page.nextCursor
        } while cursor != nil
        #expect(seen == seen.sorted(by: >))
        #expect(Set(seen).count == 25)
        let error = await #expect(throws: StoreError.self) { try await store.runs(databaseId: nil, state: nil, limit: 10, cursor: "!!") }
        #expect(error?.field == "cursor")
    }
}
