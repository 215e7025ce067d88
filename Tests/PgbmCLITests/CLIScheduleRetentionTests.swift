import BackupRepository
import Foundation
import Logging
import TestSupport
import Testing

@Suite("pgbm-cli schedule and retention previews")
struct CLIScheduleRetentionTests {
    static let cli = TestServices.executable("pgbm-cli")

    @Test("schedule preview shows the next runs in the zone and in UTC, across the spring-forward gap")
    func schedulePreview() throws {
        let result = try ProcessRunner.run(
            Self.cli, ["schedule", "preview", "30 2 * * *", "--timezone", "Europe/Berlin", "--count", "3", "--after", "2026-03-28T00:00:00Z"])
        #expect(result.status == 0, "\(result.stderrText)")
        let lines = result.stdoutText.split(separator: "\n").map(String.init)
        #expect(lines.dropFirst() == [
            "2026-03-28T02:30:00+01:00  2026-03-28T01:30:00Z",
            "2026-03-29T03:00:00+02:00  2026-03-29T01:00:00Z",
            "2026-03-30T02:30:00+02:00  2026-03-30T00:30:00Z",
        ])
    }

    @Test("an invalid expression or time zone exits 64 naming the field", arguments: [
        (["0 0 * * 8"], #"cron: day-of-week"#, #""8" is out of range 0–7"#),
        (["0 0 30 2 *"], "cron: ", "never"),
        (["@daily", "--timezone", "Mars/Base"], "timezone: ", "IANA time zone"),
    ])
    func invalidSchedule(arguments: [String], field: String, detail: String) throws {
        let result = try ProcessRunner.run(Self.cli, ["schedule", "preview"] + arguments)
        #expect(result.status == 64)
        #expect(result.stderrText.contains(field), "\(result.stderrText)")
        #expect(result.stderrText.contains(detail), "\(result.stderrText)")
    }

    @Test("retention preview lists every copy with its verdict and reason, and deletes nothing")
    func retentionPreview() async throws {
        let dir = try TemporaryDirectory()
        let store = try SQLiteStore.open(dataDirectory: dir.path("data"), environment: [:], logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() })
        var policy = RetentionSettings()
        (policy.keepLast, policy.daily, policy.weekly, policy.monthly, policy.yearly) = (3, 0, 0, 0, 0)
        try await store.saveSettings(policy)
        let database = try await store.createDatabase(
            ConfiguredDatabase(name: "app", host: "localhost", database: "app", user: "backup"), password: nil)
        let now = Date()
        for day in 1...5 {
            let created = now.addingTimeInterval(-Double(day) * 86_400)
            let run = try await store.createRun(BackupRun(databaseId: database.id!, trigger: .schedule, queuedAt: created))
            _ = try await store.transitionRun(id: run.id!, to: .running, at: created) { _ in }
            _ = try await store.transitionRun(id: run.id!, to: .succeeded, at: created) { _ in }
            _ = try await store.addFile(BackupFile(
                runId: run.id!, databaseId: database.id!, fileName: "app-\(day).dump.zst", localPath: "/b/app-\(day).dump.zst",
                s3Key: day <= 2 ? "pgbm/app/app-\(day).dump.zst" : nil, encrypted: false, serverVersion: "15.8",
                pgDumpVersion: "15.8", sizeBytes: 1000, sha256: String(repeating: "0", count: 64), createdAt: created))
        }
        let result = try ProcessRunner.run(Self.cli, ["retention", "preview", "--database", "app", "--data-dir", dir.path("data")])
        #expect(result.status == 0, "\(result.stderrText)")
        let lines = result.stdoutText.split(separator: "\n").map(String.init)
        #expect(lines.filter { $0.hasPrefix("delete local") }.map { $0.contains("/b/app-4.dump.zst") || $0.contains("/b/app-5.dump.zst") } == [true, true])
        #expect(lines.filter { $0.hasPrefix("keep   s3") }.count == 2, "S3 has only two copies and keeps both")
        #expect(lines.contains { $0.hasPrefix("keep   local") && $0.contains("app-3") && $0.contains("keep-last 3") })
        #expect(lines.last == "5 kept, 2 to delete, 2000 bytes freed")
        #expect(try await store.files(databaseId: database.id!).count == 5)

        let unknown = try ProcessRunner.run(Self.cli, ["retention", "preview", "--database", "nope", "--data-dir", dir.path("data")])
        #expect(unknown.status == 64)
        #expect(unknown.stderrText.contains(#"--database: no database with id or name "nope""#))
    }
}
