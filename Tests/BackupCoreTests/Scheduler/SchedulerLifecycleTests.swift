import BackupCore
import BackupRepository
import Foundation
import Synchronization
import TestSupport
import Testing

@Suite("Scheduler: missed runs, pause, edits, staleness")
struct SchedulerLifecycleTests {
    static let monday = SchedulerHarness.monday
    static func at(_ hours: Double, day: Int = 0) -> Date { monday.addingTimeInterval(Double(day) * 86_400 + hours * 3600) }

    /// A store whose schedule last ran at `lastRun` and waited for `nextRun` when pgbm went down.
    static func downtime(cron: String, lastRun: Date, nextRun: Date, restartAt: Date, grace: TimeInterval = 3600) async throws -> (SchedulerHarness, Int64) {
        let harness = try SchedulerHarness(now: restartAt, configuration: SchedulerHarness.configuration(grace: grace))
        let schedule = try await harness.addSchedule(databaseId: try await harness.addDatabase("app"), cron: cron, createdAt: monday)
        try await harness.store.recordRun(scheduleId: schedule.id!, lastRunAt: lastRun, nextRunAt: nextRun)
        return (harness, schedule.id!)
    }

    @Test("slots missed while down run once on start when the newest is within the grace period")
    func missedWithinGrace() async throws {
        let (harness, scheduleId) = try await Self.downtime(cron: "0 * * * *", lastRun: Self.at(0), nextRun: Self.at(1), restartAt: Self.at(4.5))
        try await harness.start()
        try await harness.advance(by: 60)
        #expect(harness.worker.executions.map(\.job.dueAt) == [Self.at(4)], "one run for the newest slot, not one per slot")
        #expect(harness.events.contains(.madeUp(scheduleId: scheduleId, databaseId: 1, slot: Self.at(4), missedSlots: 4)))
        let stored = try #require(try await harness.store.schedule(id: scheduleId))
        #expect(stored.lastRunAt == Self.at(4))
        #expect(stored.nextRunAt == Self.at(5))
        try await harness.advance(to: Self.at(5.1))
        #expect(harness.worker.executions.map(\.job.dueAt) == [Self.at(4), Self.at(5)])
        await harness.scheduler.stop()
    }

    @Test("a slot missed beyond the grace period is recorded as missed and does not run")
    func missedBeyondGrace() async throws {
        let (harness, scheduleId) = try await Self.downtime(cron: "0 2 * * *", lastRun: Self.at(2, day: -1), nextRun: Self.at(2), restartAt: Self.at(4.5))
        try await harness.start()
        try await harness.advance(by: 3600)
        #expect(harness.worker.executions.isEmpty)
        #expect(harness.events.contains(.missed(scheduleId: scheduleId, databaseId: 1, slot: Self.at(2), missedSlots: 1)))
        let audit = try await harness.store.events(AuditFilter(action: "schedule.missed"), limit: 10, cursor: nil).items
        #expect(audit.count == 1)
        #expect(audit.first?.targetId == String(scheduleId))
        #expect(audit.first?.actorKind == .scheduler)
        #expect(audit.first?.details.contains(#""missed_slots":1"#) == true)
        #expect(try await harness.store.schedule(id: scheduleId)?.nextRunAt == Self.at(2, day: 1))
        #expect(try await harness.store.schedule(id: scheduleId)?.lastRunAt == Self.at(2, day: -1))
        try await harness.advance(to: Self.at(2.5, day: 1))
        #expect(harness.worker.executions.map(\.job.dueAt) == [Self.at(2, day: 1)])
        await harness.scheduler.stop()
    }

    @Test("a grace period of zero never makes up a missed slot, but on-time slots still run")
    func zeroGrace() async throws {
        let (harness, _) = try await Self.downtime(cron: "0 * * * *", lastRun: Self.at(0), nextRun: Self.at(1), restartAt: Self.at(1.5), grace: 0)
        try await harness.start()
        try await harness.advance(to: Self.at(2.1))
        #expect(harness.worker.executions.map(\.job.dueAt) == [Self.at(2)])
        await harness.scheduler.stop()
    }

    @Test("pause stops a schedule at once; resume continues from the next slot without making up")
    func pauseAndResume() async throws {
        let harness = try SchedulerHarness()
        let schedule = try await harness.addSchedule(databaseId: try await harness.addDatabase("app"), cron: "0 * * * *")
        try await harness.start()
        try await harness.advance(to: Self.at(1.5))
        try await harness.scheduler.pause(scheduleId: schedule.id!)
        #expect(try await harness.store.schedule(id: schedule.id!)?.enabled == false)
        try await harness.advance(to: Self.at(4.5))
        #expect(harness.worker.executions.map(\.job.dueAt) == [Self.at(1)])
        let next = try await harness.scheduler.resume(scheduleId: schedule.id!)
        #expect(next == Self.at(5))
        try await harness.advance(to: Self.at(6.5))
        #expect(harness.worker.executions.map(\.job.dueAt) == [Self.at(1), Self.at(5), Self.at(6)])
        await harness.scheduler.stop()
    }

    @Test("a schedule edited while the scheduler sleeps takes effect at once")
    func editedWhileSleeping() async throws {
        let harness = try SchedulerHarness()
        var schedule = try await harness.addSchedule(databaseId: try await harness.addDatabase("app"), cron: "0 5 * * *")
        try await harness.start()
        try await harness.advance(to: Self.at(0.25))
        schedule.cron = "0 1 * * *"
        _ = try await harness.store.updateSchedule(schedule)
        await harness.scheduler.schedulesDidChange()
        try await harness.advance(to: Self.at(6))
        #expect(harness.worker.executions.map(\.job.dueAt) == [Self.at(1)])
        #expect(try await harness.store.schedule(id: schedule.id!)?.nextRunAt == Self.at(1, day: 1))
        await harness.scheduler.stop()
    }

    @Test("a schedule added by another process is picked up by the periodic reload")
    func changeFromAnotherProcess() async throws {
        let harness = try SchedulerHarness(configuration: SchedulerHarness.configuration(reload: 30))
        let databaseId = try await harness.addDatabase("app")
        try await harness.start()
        try await harness.advance(to: Self.at(0.5))
        let other = try SQLiteStore.open(dataDirectory: harness.directory.path("data"), environment: [:], logger: SchedulerHarness.logger)
        _ = try await other.createSchedule(Schedule(databaseId: databaseId, cron: "0 1 * * *", createdAt: Self.at(0.5)))
        try await harness.advance(to: Self.at(1.1))
        #expect(harness.worker.executions.map(\.job.dueAt) == [Self.at(1)])
        await harness.scheduler.stop()
    }

    @Test("a database without a successful backup by its expected time is reported overdue once")
    func staleness() async throws {
        let failing = Mutex(true)
        let harness = try SchedulerHarness(
            outcome: { _ in failing.withLock { $0 } ? .failed("connection refused") : .succeeded() })
        let databaseId = try await harness.addDatabase("app")
        try await harness.addSchedule(databaseId: databaseId, cron: "0 2 * * *")
        try await harness.start()
        try await harness.advance(to: Self.at(2.9))
        #expect(try await harness.store.runs(databaseId: databaseId, state: .failed, limit: 5, cursor: nil).items.count == 1)
        #expect(!harness.events.contains { if case .overdue = $0 { true } else { false } })
        try await harness.advance(to: Self.at(3.1))
        let overdue = harness.events.filter { if case .overdue = $0 { true } else { false } }
        #expect(overdue == [.overdue(databaseId: databaseId, expectedBy: Self.at(3), lastSuccessAt: nil)])
        #expect(await harness.scheduler.status().databases.first?.overdue == true)
        #expect(try await harness.store.events(AuditFilter(action: "backup.overdue"), limit: 5, cursor: nil).items.count == 1)

        failing.withLock { $0 = false }
        try await harness.advance(to: Self.at(2.5, day: 1))
        let status = try #require(await harness.scheduler.status().databases.first)
        #expect(status.overdue == false)
        #expect(status.lastSuccessAt == Self.at(2, day: 1).addingTimeInterval(60))
        #expect(status.expectedBy == Self.at(3, day: 2))
        #expect(harness.events.filter { if case .overdue = $0 { true } else { false } }.count == 1)
        await harness.scheduler.stop()
    }

    @Test("an invalid stored schedule is reported and the others still run")
    func invalidStoredSchedule() async throws {
        let harness = try SchedulerHarness()
        let databaseId = try await harness.addDatabase("app")
        let good = try await harness.addSchedule(databaseId: databaseId, cron: "0 1 * * *")
        let bad = try await harness.addSchedule(databaseId: try await harness.addDatabase("other"), cron: "61 1 * * *")
        try await harness.start()
        try await harness.advance(to: Self.at(1.5))
        #expect(harness.worker.executions.map(\.job.scheduleId) == [good.id])
        #expect(harness.events.contains { if case .invalidSchedule(bad.id!, _) = $0 { true } else { false } })
        await harness.scheduler.stop()
    }
}
