import BackupRepository
import Foundation
import TestSupport
import Testing

@Suite("Store round trips")
struct RecordRoundTripTests {
    /// Whole seconds: SQLite keeps milliseconds, so these read back exactly.
    static let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    @Test("a database keeps every field, gets a slug that never changes, and keeps history when deleted")
    func databases() throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        let created = try store.createDatabase(StoreFixture.sampleDatabase(createdAt: Self.t0), password: Secret("pw-1"))
        #expect(created.slug == "billing-db-eu")
        #expect(stored(try store.database(id: created.id!)) == stored(created))
        var renamed = created
        renamed.name = "Billing"
        renamed.port = 6432
        let updated = try store.updateDatabase(renamed, password: nil)
        #expect(updated.slug == "billing-db-eu")
        #expect(try store.password(ofDatabase: created.id!)?.revealed == "pw-1")
        try store.deleteDatabase(id: created.id!)
        #expect(try store.databases(includingDeleted: false).isEmpty)
        #expect(try store.databases(includingDeleted: true).first?.deletedAt != nil)
        #expect(try fixture.reopen().database(id: created.id!)?.port == 6432)
    }

    @Test("schedules, runs with their state machine, files, and interrupted runs")
    func schedulesRunsFiles() throws {
        let store = try StoreFixture().store
        let database = try store.createDatabase(StoreFixture.sampleDatabase(), password: nil)
        let schedule = try store.createSchedule(Schedule(databaseId: database.id!, cron: "0 2 * * *", timeZone: "Europe/Berlin"))
        try store.recordRun(scheduleId: schedule.id!, lastRunAt: Date(timeIntervalSince1970: 100), nextRunAt: Date(timeIntervalSince1970: 200))
        #expect(try store.schedule(id: schedule.id!)?.nextRunAt == Date(timeIntervalSince1970: 200))
        let run = try store.createRun(BackupRun(databaseId: database.id!, scheduleId: schedule.id, trigger: .schedule, queuedAt: Self.t0))
        let running = try store.transitionRun(id: run.id!, to: .running, at: Self.t0 + 1) { _ in }
        #expect(running.startedAt != nil)
        let done = try store.transitionRun(id: run.id!, to: .succeeded, at: Self.t0 + 2) { $0.sizeBytes = 42; $0.checksum = "ab" }
        #expect(stored(try store.run(id: run.id!)) == stored(done))
        let error = #expect(throws: StoreError.self) { try store.transitionRun(id: run.id!, to: .running, at: Self.t0 + 1) { _ in } }
        #expect(error?.code == .invalidTransition)
        var file = try store.addFile(BackupFile(
            runId: run.id!, databaseId: database.id!, fileName: "billing-db-eu_20261126T020000Z.dump.zst.enc",
            localPath: "/b/x", encrypted: true, iterations: 600_000, passphraseId: "k1", serverVersion: "15.18",
            pgDumpVersion: "15.18", sizeBytes: 42, sha256: "ab", createdAt: Self.t0))
        file.verificationResult = "passed"
        try store.updateFile(file)
        #expect(stored(try store.files(runId: run.id!)) == stored([file]))
        _ = try store.createRun(BackupRun(databaseId: database.id!, trigger: .manual))
        #expect(try store.failInterruptedRuns(at: Date()) == 1)
        #expect(try store.runs(databaseId: nil, state: .failed, limit: 10, cursor: nil).items.first?.error?.contains("interrupted") == true)
    }

    @Test("restore jobs, settings groups, users, sessions and tokens")
    func restoresSettingsUsers() throws {
        let store = try StoreFixture().store
        var job = try store.createRestoreJob(RestoreJob(source: #"{"kind":"local"}"#, target: #"{"database_id":1}"#, createdAt: Self.t0))
        job.state = .restoring
        job.progressBytes = 1000
        try store.updateRestoreJob(job)
        #expect(stored(try store.restoreJob(id: job.id!)) == stored(job))
        #expect(try store.failInterruptedRestoreJobs(at: Date()) == 1)

        var s3 = S3Settings()
        s3.enabled = true
        s3.bucket = "backups"
        s3.accessKeyId = "AKIA1"
        try store.saveSettings(s3)
        #expect(try store.settings(S3Settings.self) == s3)
        #expect(try store.settings(RetentionSettings.self) == .defaults)
        let general = try store.initializeInstallation(backupDirectory: "./backups")
        #expect(general.backupDirectory.hasPrefix("/") && general.backupDirectory.hasSuffix("/backups"))
        #expect(try store.initializeInstallation(backupDirectory: "/elsewhere").installationId == general.installationId)

        let user = try store.createUser(User(username: "admin", passwordHash: "$2b$12$hash", role: .admin, createdAt: Self.t0))
        #expect(stored(try store.user(named: "admin")) == stored(user))
        let session = UserSession(tokenHash: "t1", userId: user.id!, csrfTokenHash: "c1", expiresAt: Date(timeIntervalSinceNow: 3600))
        try store.createSession(session)
        #expect(try store.session(tokenHash: "t1", now: Date()) != nil)
        #expect(try store.session(tokenHash: "t1", now: Date(timeIntervalSinceNow: 7200)) == nil)
        let token = try store.createToken(APIToken(userId: user.id!, name: "ci", tokenHash: "h1", createdAt: Self.t0))
        #expect(stored(try store.token(hash: "h1", now: Date())) == stored(token))
        try store.deleteToken(id: token.id!)
        #expect(try store.tokens(userId: user.id!).isEmpty)
    }

    @Test("paging through runs returns every row once, newest first")
    func paging() throws {
        let store = try StoreFixture().store
        let database = try store.createDatabase(StoreFixture.sampleDatabase(), password: nil)
        for _ in 0..<25 { _ = try store.createRun(BackupRun(databaseId: database.id!, trigger: .cli)) }
        var seen: [Int64] = []
        var cursor: String?
        repeat {
            let page = try store.runs(databaseId: database.id, state: nil, limit: 10, cursor: cursor)
            seen += page.items.compactMap(\.id)
            cursor = page.nextCursor
        } while cursor != nil
        #expect(seen == seen.sorted(by: >))
        #expect(Set(seen).count == 25)
        let error = #expect(throws: StoreError.self) { try store.runs(databaseId: nil, state: nil, limit: 10, cursor: "!!") }
        #expect(error?.field == "cursor")
    }
}
