import BackupCore
import BackupRepository
import Foundation
import TestSupport
import Testing

@Suite("Scheduler: order, concurrency, exclusion")
struct SchedulerOrderTests {
    static let expressions: [(String, String)] = [
        ("*/15 * * * *", "UTC"), ("0 * * * *", "UTC"), ("30 2 * * *", "Europe/Berlin"), ("0 */6 * * *", "UTC"),
        ("0 0 * * 1", "UTC"), ("5 4 * * 1-5", "America/New_York"), ("@daily", "UTC"), ("@hourly", "Europe/Berlin"),
        ("45 23 * * SUN", "UTC"), ("0 12 * * MON,WED,FRI", "Europe/Berlin"), ("10,40 * * * *", "UTC"), ("0 3 * * *", "UTC"),
        ("0 3 * * *", "Europe/Berlin"), ("20 1-5 * * *", "UTC"), ("0 0 1 * *", "UTC"), ("0 9 * * 6,0", "America/New_York"),
        ("*/20 8-17 * * 1-5", "UTC"), ("59 23 * * *", "UTC"), ("0 22 * * 2", "Europe/Berlin"), ("7 */2 * * *", "UTC"),
    ]

    @Test("20 schedules over a simulated week run in slot order, each on time")
    func simulatedWeek() async throws {
        let harness = try SchedulerHarness(configuration: SchedulerHarness.configuration(concurrency: 20))
        var schedules: [Schedule] = []
        for (index, (cron, zone)) in Self.expressions.enumerated() {
            let databaseId = try await harness.addDatabase("db\(index)")
            schedules.append(try await harness.addSchedule(databaseId: databaseId, cron: cron, timeZone: zone))
        }
        let start = harness.clock.now()
        let end = start.addingTimeInterval(7 * 86_400)
        var expected: [Slot] = []
        for schedule in schedules {
            let times = try ScheduleTimes(schedule)
            expected += times.next(count: 2_000, after: start).filter { $0 <= end }.map { Slot(at: $0, scheduleId: schedule.id!) }
        }
        expected.sort()

        try await harness.start()
        try await harness.advance(to: end)
        await harness.scheduler.stop()

        let queued = harness.events.compactMap { event -> Slot? in
            guard case let .queued(job) = event else { return nil }
            return Slot(at: job.dueAt!, scheduleId: job.scheduleId!)
        }
        #expect(queued == expected)
        let late = harness.worker.executions.filter { $0.startedAt != $0.job.dueAt }
        #expect(late.isEmpty, "every backup starts at its slot")
        for schedule in schedules {
            let stored = try #require(try await harness.store.schedule(id: schedule.id!))
            let times = try ScheduleTimes(schedule)
            #expect(stored.lastRunAt == expected.last { $0.scheduleId == schedule.id }?.at)
            #expect(stored.nextRunAt == times.next(after: end))
        }
        let runs = try await harness.store.runs(databaseId: nil, state: nil, limit: 5_000, cursor: nil).items
        #expect(runs.count == expected.count)
        let finished = harness.worker.executions.filter { $0.endedAt != nil }.count
        #expect(runs.filter { $0.state == .succeeded }.count == finished)
        #expect(finished >= expected.count - 20, "only the runs of the last slot were still running at the end")
    }

    @Test("runs beyond the concurrency limit queue in order")
    func concurrencyLimit() async throws {
        let harness = try SchedulerHarness(configuration: SchedulerHarness.configuration(concurrency: 2), duration: { _ in 600 })
        for index in 0..<5 {
            try await harness.addSchedule(databaseId: try await harness.addDatabase("db\(index)"), cron: "0 3 * * *")
        }
        try await harness.start()
        try await harness.advance(by: 4 * 3600)
        let executions = harness.worker.executions
        let threeAM = SchedulerHarness.monday.addingTimeInterval(3 * 3600)
        #expect(executions.map(\.job.scheduleId) == [1, 2, 3, 4, 5])
        #expect(executions.map { $0.startedAt.timeIntervalSince(threeAM) } == [0, 0, 600, 600, 1200])
        for execution in executions {
            let overlapping = executions.filter { $0.startedAt <= execution.startedAt && $0.endedAt! > execution.startedAt }
            #expect(overlapping.count <= 2)
        }
        await harness.scheduler.stop()
    }

    @Test("a database never has two backups at once: triggers join the queued or running one")
    func perDatabaseExclusion() async throws {
        let harness = try SchedulerHarness(duration: { _ in 1800 })
        let databaseId = try await harness.addDatabase("app")
        try await harness.addSchedule(databaseId: databaseId, cron: "0 3 * * *")
        try await harness.addSchedule(databaseId: databaseId, cron: "*/15 * * * *")
        try await harness.start()
        try await harness.advance(to: SchedulerHarness.monday.addingTimeInterval(3 * 3600 + 60))
        let running = try #require(harness.worker.executions.last)
        let manual = try await harness.scheduler.runNow(databaseId: databaseId)
        #expect(manual.runId == running.job.runId, "run now joins the running backup")
        try await harness.advance(by: 3 * 3600)

        let executions = harness.worker.executions
        for (first, second) in zip(executions, executions.dropFirst()) {
            #expect(second.startedAt >= first.endedAt!, "backups of one database never overlap")
        }
        let coalesced = harness.events.filter { if case .coalesced = $0 { true } else { false } }
        #expect(coalesced.count >= 2)
        await harness.scheduler.stop()
    }

    @Test("a lease held by another process keeps the database waiting, not the others")
    func leaseAcrossProcesses() async throws {
        let harness = try SchedulerHarness(duration: { _ in 60 })
        let busy = try await harness.addDatabase("busy")
        let free = try await harness.addDatabase("free")
        try await harness.addSchedule(databaseId: busy, cron: "0 1 * * *")
        try await harness.addSchedule(databaseId: free, cron: "0 1 * * *")
        let other = try SQLiteStore.open(dataDirectory: harness.directory.path("data"), environment: [:], logger: SchedulerHarness.logger)
        let lease = SchedulerConfiguration.leaseName(databaseId: busy)
        let oneAM = SchedulerHarness.monday.addingTimeInterval(3600)
        #expect(try await other.acquireLease(lease, holder: "cli@other:42", duration: 4 * 3600, now: SchedulerHarness.monday))

        try await harness.start()
        try await harness.advance(to: oneAM.addingTimeInterval(300))
        #expect(harness.worker.executions.map(\.job.databaseId) == [free])
        #expect(harness.events.contains { if case .waitingForLease(let job) = $0 { job.databaseId == busy } else { false } })

        try await other.releaseLease(lease, holder: "cli@other:42")
        try await harness.advance(by: 60)
        let started = try #require(harness.worker.executions.last)
        #expect(started.job.databaseId == busy)
        #expect(started.startedAt <= oneAM.addingTimeInterval(300 + 60))
        await harness.scheduler.stop()
    }

    @Test("cancelling a queued and a running backup records both as cancelled")
    func cancel() async throws {
        let harness = try SchedulerHarness(configuration: SchedulerHarness.configuration(concurrency: 1), duration: { _ in 3600 })
        let first = try await harness.scheduler.runNow(databaseId: try await harness.addDatabase("one"))
        let second = try await harness.scheduler.runNow(databaseId: try await harness.addDatabase("two"))
        try await harness.start()
        #expect(await harness.scheduler.cancel(runId: second.runId))
        #expect(await harness.scheduler.cancel(runId: first.runId))
        try await harness.settle()
        #expect(try await harness.store.run(id: first.runId)?.state == .cancelled)
        #expect(try await harness.store.run(id: second.runId)?.state == .cancelled)
        #expect(harness.worker.executions.map(\.job.runId) == [first.runId])
        await harness.scheduler.stop()
    }
}

/// A scheduled slot: when and for which schedule.
struct Slot: Comparable, CustomStringConvertible {
    let at: Date
    let scheduleId: Int64

    static func < (lhs: Slot, rhs: Slot) -> Bool { (lhs.at, lhs.scheduleId) < (rhs.at, rhs.scheduleId) }
    var description: String { "\(at) #\(scheduleId)" }
}
