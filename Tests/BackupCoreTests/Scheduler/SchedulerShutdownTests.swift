import BackupCore
import BackupRepository
import Foundation
import Testing

@Suite("Scheduler: graceful shutdown")
struct SchedulerShutdownTests {
    /// A scheduler with one backup running (of 60 test-clock seconds) and one queued behind it.
    static func busy() async throws -> (SchedulerHarness, running: BackupJob, queued: BackupJob) {
        let harness = try SchedulerHarness(configuration: SchedulerHarness.configuration(concurrency: 1))
        let first = try await harness.addDatabase("app")
        let second = try await harness.addDatabase("billing")
        try await harness.start()
        let running = try await harness.scheduler.runNow(databaseId: first)
        let queued = try await harness.scheduler.runNow(databaseId: second)
        try await harness.settle()
        #expect(harness.worker.inFlight == 1)
        return (harness, running, queued)
    }

    @Test("a running backup that ends within the grace finishes as succeeded; queued ones fail as not started")
    func finishesWithinGrace() async throws {
        let (harness, running, queued) = try await Self.busy()
        let shutdown = Task { await harness.scheduler.shutdown(grace: .seconds(120)) }
        // The loop keeps going while draining: the backup's 60 s pass on the test clock.
        try await Task.sleep(for: .milliseconds(100))
        try await harness.clock.advance(by: 61) {}
        await shutdown.value
        #expect(try await harness.store.run(id: running.runId)?.state == .succeeded)
        let notStarted = try #require(try await harness.store.run(id: queued.runId))
        #expect(notStarted.state == .failed)
        #expect(notStarted.error == "pgbm stopped before the backup started")
        #expect(harness.worker.executions.count == 1, "nothing new starts while draining")
    }

    @Test("a backup still running when the grace ends is cancelled and recorded as interrupted")
    func interruptedAfterGrace() async throws {
        let (harness, running, _) = try await Self.busy()
        let started = ContinuousClock.now
        await harness.scheduler.shutdown(grace: .milliseconds(300))
        #expect(ContinuousClock.now - started >= .milliseconds(300), "it waited for the grace first")
        let run = try #require(try await harness.store.run(id: running.runId))
        #expect(run.state == .failed)
        #expect(run.error?.hasPrefix("interrupted: pgbm-server stopped") == true)
        #expect(harness.worker.inFlight == 0)
    }
}
