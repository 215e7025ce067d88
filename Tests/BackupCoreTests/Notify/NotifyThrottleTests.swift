@testable import BackupCore
import BackupRepository
import Foundation
import PostgresTestSupport
import TestSupport
import Testing

/// One alert per failure streak, reminders after the interval, "recovered" at the end.
@Suite("Alerts throttling")
struct NotifyThrottleTests {
    static let start = Date(timeIntervalSince1970: 1_800_000_000)

    /// Finished runs, newest first, from states oldest first, one every `spacing` seconds.
    static func history(_ states: [BackupRun.State], spacing: TimeInterval = 600) -> [BackupRun] {
        states.enumerated().map { index, state in
            var run = BackupRun(databaseId: 1, trigger: .schedule, queuedAt: start.addingTimeInterval(Double(index) * spacing))
            (run.id, run.state, run.finishedAt) = (Int64(index + 1), state, run.queuedAt)
            return run
        }.reversed()
    }

    @Test("the first failure alerts, the next within the interval does not, a later one reminds")
    func reminders() {
        let throttle = AlertThrottle(interval: 3600)
        #expect(throttle.decide(failed: true, at: Self.start, earlier: Self.history([.succeeded])) == .firstFailure)
        #expect(throttle.decide(failed: true, at: Self.start, earlier: []) == .firstFailure)
        let twoFailures = Self.history([.succeeded, .failed, .failed])
        #expect(throttle.decide(failed: true, at: Self.start.addingTimeInterval(1800), earlier: twoFailures) == .silent(failures: 3))
        #expect(throttle.decide(failed: true, at: Self.start.addingTimeInterval(4300), earlier: twoFailures) == .reminder(failures: 3))
    }

    @Test("reminders are replayed from the streak: after a reminder the next waits a full interval")
    func replayedReminders() {
        // Failures every 40 minutes from minute 0: alerts at 0 and 80 (the reminder); minute 120 is silent
        let throttle = AlertThrottle(interval: 3600)
        let streak = Self.history([.failed, .failed, .failed], spacing: 2400)
        #expect(throttle.decide(failed: true, at: Self.start.addingTimeInterval(7200), earlier: streak) == .silent(failures: 4))
        #expect(throttle.decide(failed: true, at: Self.start.addingTimeInterval(8400), earlier: streak) == .reminder(failures: 4))
    }

    @Test("a success after failures is a recovery; cancelled runs are skipped; interval 0 alerts every failure")
    func recoveryAndEdges() {
        let throttle = AlertThrottle(interval: 3600)
        #expect(throttle.decide(failed: false, at: Self.start, earlier: Self.history([.failed, .cancelled, .failed])) == .recovered(failures: 2))
        #expect(throttle.decide(failed: false, at: Self.start, earlier: Self.history([.failed, .succeeded])) == .success)
        #expect(throttle.decide(failed: true, at: Self.start, earlier: Self.history([.succeeded, .cancelled])) == .firstFailure)
        #expect(AlertThrottle(interval: 0).decide(failed: true, at: Self.start, earlier: Self.history([.failed])) == .reminder(failures: 2))
    }

    @Test(
        "two failures in a row alert once; the next success sends one recovered message",
        .enabled(if: NotifyFixture.available, "run Scripts/test"), .timeLimit(.minutes(2)))
    func streakThenRecovery() async throws {
        // Given a database pointing at a database name that does not exist yet
        let fixture = try await NotifyFixture()
        let notifier = fixture.notifier()
        try await fixture.base.server.withDatabase(rows: 10) { name in
            let missing = ConfiguredDatabase(
                name: "streak-\(fixture.id)", host: try fixture.base.server.host, port: try fixture.base.server.port,
                database: "\(name)_missing", user: "postgres", sslMode: .disable)
            var database = try await fixture.store.createDatabase(missing, password: nil)
            let databaseId = try #require(database.id)
            // When it fails twice (a fresh notifier for the second, as after a restart)
            #expect(try await fixture.backUp(databaseId, notifier: notifier).state == .failed)
            await notifier.drain()
            let restarted = fixture.notifier()
            #expect(try await fixture.backUp(databaseId, notifier: restarted).state == .failed)
            await restarted.drain()
            // Then one alert went out on each channel
            #expect(fixture.receiver.requests.filter { $0.path.hasPrefix("/hook/") }.map { $0.json["event"] as? String } == ["backup_failed"])
            #expect(try fixture.mails().count == 1)
            // When it is fixed and backs up
            database.database = name
            _ = try await fixture.store.updateDatabase(database, password: nil)
            #expect(try await fixture.backUp(databaseId, notifier: restarted).state == .succeeded)
            await restarted.drain()
            // Then one "recovered" message follows, counting the streak
            let hooks = fixture.receiver.requests.filter { $0.path.hasPrefix("/hook/") }
            #expect(hooks.map { $0.json["event"] as? String } == ["backup_failed", "backup_recovered"])
            #expect(hooks.last?.json["failure_count"] as? Int == 2)
            let mails = try await fixture.waitForMails(2)
            #expect(mails.count == 2 && mails.contains { $0.contains("Backup recovered: streak-\(fixture.id)") })
        }
        await fixture.shutdown()
    }
}
