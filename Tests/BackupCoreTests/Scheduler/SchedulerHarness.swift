import BackupCore
import BackupRepository
import Foundation
import Logging
import Synchronization
import TestSupport
import Testing

/// A scheduler on a real store in a temporary folder, a ``TestClock`` and a worker whose backups take
/// simulated time; records every event and every backup.
final class SchedulerHarness: Sendable {
    /// One backup the worker ran.
    struct Execution: Equatable {
        let job: BackupJob
        let startedAt: Date
        var endedAt: Date?
    }

    let directory: TemporaryDirectory
    let store: SQLiteStore
    let clock: TestClock
    let worker: TestWorker
    let scheduler: Scheduler
    private let recorded = EventRecorder()

    static let settleLimitSeconds = 120

    static let logger = Logger(label: "pgbm.test.scheduler") { _ in SwiftLogNoOpLogHandler() }

    /// 2026-11-23 00:00:00 UTC, a Monday.
    static let monday = Date(timeIntervalSince1970: 1_795_392_000)

    init(
        now: Date = SchedulerHarness.monday, configuration: SchedulerConfiguration = SchedulerHarness.configuration(),
        duration: @escaping @Sendable (BackupJob) -> TimeInterval = { _ in 60 },
        outcome: @escaping @Sendable (BackupJob) -> BackupOutcome = { _ in .succeeded(sizeBytes: 1) },
        directory: TemporaryDirectory? = nil
    ) throws {
        self.directory = try directory ?? TemporaryDirectory()
        store = try SQLiteStore.open(dataDirectory: self.directory.path("data"), environment: [:], logger: Self.logger)
        clock = TestClock(now: now)
        worker = TestWorker(clock: clock, duration: duration, outcome: outcome)
        let recorded = self.recorded
        scheduler = Scheduler(
            store: store, worker: worker, clock: clock, configuration: configuration, logger: Self.logger,
            onEvent: { event in recorded.append(event) })
    }

    static func configuration(concurrency: Int = 2, grace: TimeInterval = 3600, reload: TimeInterval = 86_400) -> SchedulerConfiguration {
        SchedulerConfiguration(concurrency: concurrency, missedRunGrace: grace, reloadInterval: reload, holder: "test-scheduler")
    }

    var events: [SchedulerEvent] { recorded.events }

    /// Adds a database and returns its id.
    func addDatabase(_ name: String) async throws -> Int64 {
        let database = ConfiguredDatabase(name: name, host: "127.0.0.1", database: name, user: "backup", createdAt: Self.monday)
        return try #require(try await store.createDatabase(database, password: nil).id)
    }

    /// Adds a schedule created at the harness's start time.
    @discardableResult
    func addSchedule(databaseId: Int64, cron: String, timeZone: String = "UTC", createdAt: Date? = nil) async throws -> Schedule {
        let schedule = Schedule(databaseId: databaseId, cron: cron, timeZone: timeZone, createdAt: createdAt ?? clock.now())
        return try await store.createSchedule(schedule)
    }

    func start() async throws {
        await scheduler.start()
        try await settle()
    }

    func advance(by seconds: TimeInterval) async throws {
        try await clock.advance(by: seconds, settle: settle)
    }

    func advance(to date: Date) async throws {
        try await clock.advance(to: date, settle: settle)
    }

    /// Waits until the scheduler sleeps and every running backup waits on the clock, seen the same way
    /// twice in a row (one actor reading before and one after the clock and the worker are read).
    ///
    /// The limit is generous: in the full test run, tests that block their thread (waiting for child
    /// processes) can hold the cooperative pool's two threads for seconds on this 2-core machine.
    func settle() async throws {
        let limit = ContinuousClock.now.advanced(by: .seconds(Self.settleLimitSeconds))
        var spins = 0
        var stableReadings = 0
        while ContinuousClock.now < limit {
            let before = await scheduler.probe()
            let sleepers = clock.sleeperCount
            let inFlight = worker.inFlight
            let after = await scheduler.probe()
            let quiet = before == after && before.idle && sleepers == 1 + before.active && inFlight == before.active
            stableReadings = quiet ? stableReadings + 1 : 0
            if stableReadings == 2 { return }
            spins = quiet ? spins : spins + 1
            // A few yields first (the usual case settles at once), then sleeps, so waiting costs no CPU.
            if spins < 4 { await Task.yield() } else { try await Task.sleep(for: .microseconds(500)) }
        }
        throw SettleTimeout(events: events.count)
    }

    struct SettleTimeout: Error, CustomStringConvertible {
        let events: Int
        var description: String { "the scheduler did not settle within \(SchedulerHarness.settleLimitSeconds) s (\(events) events so far)" }
    }
}

/// Backups that take simulated time on the test clock.
final class TestWorker: BackupWorker {
    let clock: TestClock
    let duration: @Sendable (BackupJob) -> TimeInterval
    let outcome: @Sendable (BackupJob) -> BackupOutcome
    private let state = Mutex<(executions: [SchedulerHarness.Execution], inFlight: Int)>(([], 0))

    init(clock: TestClock, duration: @escaping @Sendable (BackupJob) -> TimeInterval, outcome: @escaping @Sendable (BackupJob) -> BackupOutcome) {
        self.clock = clock
        self.duration = duration
        self.outcome = outcome
    }

    var executions: [SchedulerHarness.Execution] { state.withLock { $0.executions } }
    /// Backups started and not yet returned.
    var inFlight: Int { state.withLock { $0.inFlight } }

    func runBackup(_ job: BackupJob) async -> BackupOutcome {
        let start = clock.now()
        let index = state.withLock { state in
            state.inFlight += 1
            state.executions.append(SchedulerHarness.Execution(job: job, startedAt: start))
            return state.executions.count - 1
        }
        defer { state.withLock { $0.inFlight -= 1 } }
        do {
            try await clock.sleep(until: start.addingTimeInterval(duration(job)))
        } catch {
            return .cancelled
        }
        let end = clock.now()
        state.withLock { $0.executions[index].endedAt = end }
        return outcome(job)
    }
}

/// Every event the scheduler emitted, in order.
final class EventRecorder: Sendable {
    private let state = Mutex<[SchedulerEvent]>([])

    func append(_ event: SchedulerEvent) { state.withLock { $0.append(event) } }
    var events: [SchedulerEvent] { state.withLock { $0 } }
}
