import BackupRepository
import Foundation
import TestSupport
import Testing

@Suite("pgbm-cli schedule add, list, next, pause, resume, remove")
struct CLIScheduleStoreTests {
    /// `@hourly` runs at every full hour: the first after `date`.
    static func nextHour(after date: Date) -> Date {
        Date(timeIntervalSince1970: (date.timeIntervalSince1970 / 3600).rounded(.down) * 3600 + 3600)
    }

    /// A fresh store with database `app` and an hourly schedule; returns the schedule's id.
    static func hourlySchedule() throws -> (CLIStoreFixture, Int) {
        let fixture = try CLIStoreFixture()
        try fixture.addDatabase("app")
        let added = try fixture.object(["schedule", "add", "--database", "app", "--cron", "@hourly"])
        return (fixture, try #require(added["id"] as? Int))
    }

    @Test("add stores the schedule enabled with its next run, and list shows it")
    func addAndList() async throws {
        // Given a database
        let fixture = try CLIStoreFixture()
        let databaseId = try fixture.addDatabase("app")
        // When an hourly schedule is added
        let before = Date()
        let added = try fixture.object([
            "schedule", "add", "--database", "app", "--cron", "@hourly", "--timezone", "Europe/Berlin",
        ])
        let after = Date()
        // Then it is stored with the next full hour as its next run
        let id = try #require(added["id"] as? Int)
        let stored = try #require(try await fixture.store().schedule(id: Int64(id)))
        #expect(
            stored.enabled && stored.cron == "@hourly" && stored.timeZone == "Europe/Berlin"
                && stored.databaseId == Int64(databaseId))
        let next = try #require(stored.nextRunAt)
        #expect(next == Self.nextHour(after: before) || next == Self.nextHour(after: after))
        #expect(added["next_run_at"] as? String == next.ISO8601Format())
        #expect(added["description"] as? String == "Every hour")

        let listed = try fixture.list(["schedule", "list", "--database", "app"])
        #expect(listed.map { $0["id"] as? Int } == [id])
        #expect(listed.first?["database_name"] as? String == "app")
        let text = try fixture.run(["schedule", "list"]).stdoutText
        #expect(text.hasPrefix("ID  DATABASE  CRON     ZONE           ENABLED  NEXT RUN"), "\(text)")
        #expect(text.contains("@hourly  Europe/Berlin  yes      \(next.ISO8601Format())"), "\(text)")
    }

    @Test(
        "an invalid expression or zone, or an unknown database, exits 64 naming it and stores nothing",
        arguments: [
            (["--database", "app", "--cron", "0 0 * * 8"], #"cron: day-of-week (column 9): "8" is out of range 0–7"#),
            (
                ["--database", "app", "--cron", "@daily", "--timezone", "Mars/Base"],
                #"timezone: "Mars/Base" is not an IANA time zone"#
            ),
            (["--database", "nope", "--cron", "@daily"], #"--database: no database with id or name "nope""#),
        ])
    func invalid(arguments: [String], message: String) async throws {
        let fixture = try CLIStoreFixture()
        try fixture.addDatabase("app")
        let result = try fixture.run(["schedule", "add"] + arguments)
        #expect(result.status == 64)
        #expect(result.stderrText.contains(message), "\(result.stderrText)")
        #expect(try await fixture.store().schedules(databaseId: nil).isEmpty)
        #expect(try await fixture.auditEvents().map(\.action) == ["database.create"])
    }

    @Test("pause clears the next run, resume sets it after now, remove deletes; each is audited")
    func pauseResumeRemove() async throws {
        // Given a stored schedule
        let (fixture, id) = try Self.hourlySchedule()
        // When it is paused
        let paused = try fixture.object(["schedule", "pause", "\(id)"])
        #expect(paused["enabled"] as? Bool == false && paused["next_run_at"] == nil)
        let stored = try #require(try await fixture.store().schedule(id: Int64(id)))
        #expect(!stored.enabled && stored.nextRunAt == nil)
        // When it is resumed
        let now = Date()
        _ = try fixture.object(["schedule", "resume", "\(id)"])
        let resumed = try #require(try await fixture.store().schedule(id: Int64(id)))
        #expect(resumed.enabled && (resumed.nextRunAt ?? .distantPast) > now)
        // When it is removed
        let removed = try fixture.run(["schedule", "remove", "\(id)"])
        #expect(removed.stdoutText.hasPrefix("removed schedule \(id) (app, @hourly UTC)"), "\(removed.stdoutText)")
        #expect(try await fixture.store().schedule(id: Int64(id)) == nil)
        // Then every change is in the audit log, targeting the schedule
        let events = try await fixture.auditEvents().dropFirst()
        #expect(events.map(\.action) == ["schedule.create", "schedule.pause", "schedule.resume", "schedule.delete"])
        #expect(events.allSatisfy { $0.actorKind == .cli && $0.targetType == "schedule" && $0.targetId == "\(id)" })
        // And an id that matches nothing exits 64
        let unknown = try fixture.run(["schedule", "pause", "\(id)"])
        #expect(unknown.status == 64)
        #expect(unknown.stderrText.contains("<id>: no schedule with id \(id)"), "\(unknown.stderrText)")
    }

    @Test("next previews a stored schedule; a removed database's schedule cannot be resumed")
    func nextAndRemovedDatabase() throws {
        let (fixture, id) = try Self.hourlySchedule()
        let preview = try fixture.object(["schedule", "next", "\(id)", "--count", "3"])
        let runs = try #require(preview["next_runs"] as? [String]).compactMap { try? Date($0, strategy: .iso8601) }
        #expect(runs.count == 3 && zip(runs, runs.dropFirst()).allSatisfy { $1.timeIntervalSince($0) == 3600 })
        #expect(preview["schedule_id"] as? Int == id)

        _ = try fixture.object(["db", "remove", "app"])
        let resume = try fixture.run(["schedule", "resume", "\(id)"])
        #expect(resume.status == 64)
        #expect(resume.stderrText.contains("belongs to a removed database"), "\(resume.stderrText)")
    }
}
