import BackupCore
import BackupRepository
import Foundation
import Synchronization
import TestSupport
import Testing

@Suite("Scheduler: edits, invalid schedules, DST, stop, other processes")
struct SchedulerEdgeTests {
    static func at(_ hours: Double, day: Int = 0) -> Date { SchedulerHarness.monday.addingTimeInterval(Double(day) * 86_400 + hours * 3600) }

    @Test("an edit whose new slot already passed today does not run until its next slot")
    func editToPassedSlot() async throws {
        let harness = try SchedulerHarness()
        var schedule = try await harness.addSchedule(databaseId: try await harness.addDatabase("app"), cron: "0 5 * * *")
        try await harness.start()
        try await harness.advance(to: Self.at(1.5))
        schedule.cron = "0 1 * * *"
        schedule.nextRunAt = nil
        _ = try await harness.store.updateSchedule(schedule)
        await harness.scheduler.schedulesDidChange()
        try await harness.advance(to: Self.at(1.5, day: 1))
        #expect(harness.worker.executions.map(\.job.dueAt) == [Self.at(1, day: 1)])
        await harness.scheduler.stop()
    }

    @Test("an invalid schedule is reported once per expression, also when a valid one is edited into it")
    func invalidReportedOnce() async throws {
        let harness = try SchedulerHarness(configuration: SchedulerHarness.configuration(reload: 30))
        let bad = try await harness.addSchedule(databaseId: try await harness.addDatabase("one"), cron: "61 1 * * *")
        var good = try await harness.addSchedule(databaseId: try await harness.addDatabase("two"), cron: "0 1 * * *")
        try await harness.start()
        try await harness.advance(by: 600)
        good.cron = "0 25 * * *"
        _ = try await harness.store.updateSchedule(good)
        try await harness.advance(by: 600)
        let reported = harness.events.compactMap { event -> Int64? in
            if case .invalidSchedule(let id, _) = event { id } else { nil }
        }
        #expect(reported == [bad.id!, good.id!])
        try await harness.advance(to: Self.at(2))
        #expect(harness.worker.executions.isEmpty, "the edited schedule stopped, the invalid one never ran")
        await harness.scheduler.stop()
    }

    @Test("a schedule in Europe/Berlin runs once per day across the spring-forward and fall-back changes", arguments: [
        // 2026-03-28 00:00Z; 02:30 does not exist on 03-29 and runs at 03:00 CEST.
        (Date(timeIntervalSince1970: 1_774_656_000), [1_774_661_400.0, 1_774_746_000, 1_774_830_600]),
        // 2026-10-24 00:00Z; 02:30 happens twice on 10-25 and runs at the first (CEST) one.
        (Date(timeIntervalSince1970: 1_792_800_000), [1_792_801_800.0, 1_792_888_200, 1_792_978_200]),
    ])
    func daylightSaving(start: Date, expected: [Double]) async throws {
        let harness = try SchedulerHarness(now: start)
        try await harness.addSchedule(databaseId: try await harness.addDatabase("app"), cron: "30 2 * * *", timeZone: "Europe/Berlin")
        try await harness.start()
        try await harness.advance(to: start.addingTimeInterval(3 * 86_400))
        #expect(harness.worker.executions.map { $0.startedAt.timeIntervalSince1970 } == expected)
        await harness.scheduler.stop()
    }

    @Test("stop fails queued runs with a reason and cancels running ones; pause drops its queued runs")
    func stopAndPauseWithQueue() async throws {
        let harness = try SchedulerHarness(configuration: SchedulerHarness.configuration(concurrency: 1), duration: { _ in 3600 })
        let first = try await harness.addSchedule(databaseId: try await harness.addDatabase("one"), cron: "0 1 * * *")
        let second = try await harness.addSchedule(databaseId: try await harness.addDatabase("two"), cron: "0 1 * * *")
        let third = try await harness.addSchedule(databaseId: try await harness.addDatabase("three"), cron: "0 1 * * *")
        try await harness.start()
        try await harness.advance(to: Self.at(1.1))
        let runs = try await harness.store.runs(databaseId: nil, state: nil, limit: 10, cursor: nil).items
        func run(of schedule: Schedule) -> BackupRun? { runs.first { $0.scheduleId == schedule.id } }
        try await harness.scheduler.pause(scheduleId: second.id!)
        try await harness.settle()
        #expect(try await harness.store.run(id: run(of: second)!.id!)?.state == .cancelled)
        await harness.scheduler.stop()
        #expect(try await harness.store.run(id: run(of: first)!.id!)?.state == .cancelled)
        let stopped = try #require(try await harness.store.run(id: run(of: third)!.id!))
        #expect(stopped.state == .failed)
        #expect(stopped.error == "pgbm stopped before the backup started")
    }

    @Test("a success recorded by another process clears an overdue database at the next reload")
    func successFromAnotherProcess() async throws {
        let harness = try SchedulerHarness(
            configuration: SchedulerHarness.configuration(reload: 30), outcome: { _ in .failed("connection refused") })
        let databaseId = try await harness.addDatabase("app")
        try await harness.addSchedule(databaseId: databaseId, cron: "0 2 * * *")
        try await harness.start()
        try await harness.advance(to: Self.at(3.5))
        #expect(await harness.scheduler.status().databases.first?.overdue == true)

        let other = try SQLiteStore.open(dataDirectory: harness.directory.path("data"), environment: [:], logger: SchedulerHarness.logger)
        let run = try await other.createRun(BackupRun(databaseId: databaseId, trigger: .cli, queuedAt: Self.at(3.6)))
        _ = try await other.transitionRun(id: run.id!, to: .running, at: Self.at(3.6)) { $0.startedAt = Self.at(3.6) }
        _ = try await other.transitionRun(id: run.id!, to: .succeeded, at: Self.at(3.7)) { $0.finishedAt = Self.at(3.7) }
        try await harness.advance(to: Self.at(3.8))
        let status = try #require(await harness.scheduler.status().databases.first)
        #expect(status.overdue == false)
        #expect(status.lastSuccessAt == Self.at(3.7))
        await harness.scheduler.stop()
    }
}
