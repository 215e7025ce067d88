public import BackupRepository
import Foundation
public import Logging

/// What the scheduler needs of the configuration store.
public typealias SchedulerStore = ScheduleRepository & BackupRunRepository & LeaseManager & AuditLog

/// Starts backups when their schedules are due, one per database at a time (across processes, through
/// the store's leases) and at most ``SchedulerConfiguration/concurrency`` at once, queued in order.
///
/// The scheduler sleeps until the next slot on an injected ``SchedulerClock``; schedule changes,
/// pause, resume and "run now" wake it at once, and it reads the store again every
/// ``SchedulerConfiguration/reloadInterval`` for changes made by other processes. Slots that passed
/// while pgbm was down run once if the newest is within the grace period, and are recorded as missed
/// otherwise. A database without a successful backup by the time one was expected raises
/// ``SchedulerEvent/overdue(databaseId:expectedBy:lastSuccessAt:)``.
public actor Scheduler {
    let store: any SchedulerStore
    let worker: any BackupWorker
    let clock: any SchedulerClock
    let logger: Logger
    let onEvent: @Sendable (SchedulerEvent) -> Void
    var configuration: SchedulerConfiguration

    var entries: [Int64: ScheduleEntry] = [:]
    var queue: [QueuedJob] = []
    var running: [Int64: RunningJob] = [:]
    /// Runs being recorded as `running` (between the queue and ``running``), by database.
    var starting: [Int64: BackupJob] = [:]
    /// Run records being created, by database: a second trigger waits for it and joins the run.
    var enqueuing: [Int64: Task<BackupJob, any Error>] = [:]
    /// Finished runs whose outcome is being written.
    var finishing = 0
    var lastSuccess: [Int64: Date] = [:]
    var overdue: Set<Int64> = []
    var startedAt: Date?
    var lastReload: Date = .distantPast
    var reloadRequested = true
    var loopTask: Task<Void, Never>?
    var sleeper: Task<Void, Never>?
    var wakeRequested = false
    var invalidReported: [Int64: String] = [:]
    var turns = 0
    /// Set by ``shutdown(grace:)``: no new runs start; running ones may finish.
    var draining = false
    /// Set when the shutdown grace ran out: cancelled runs are recorded as interrupted.
    var interruptedByShutdown: Duration?
    /// Whether the loop waits on the clock with nothing left to do before its deadline (for tests).
    public private(set) var isIdle = false

    /// Creates a stopped scheduler.
    /// - Parameters:
    ///   - store: The configuration store: schedules, runs, leases and databases.
    ///   - worker: Makes each backup.
    ///   - clock: What "now" is, and how the scheduler sleeps (tests drive a manual one).
    ///   - configuration: Concurrency, lease and check intervals (``SchedulerConfiguration``).
    ///   - logger: For the scheduler's decisions.
    ///   - onEvent: Called for every ``SchedulerEvent``, on the scheduler; must return quickly.
    public init(
        store: any SchedulerStore, worker: any BackupWorker, clock: any SchedulerClock = SystemSchedulerClock(),
        configuration: SchedulerConfiguration = SchedulerConfiguration(), logger: Logger,
        onEvent: @escaping @Sendable (SchedulerEvent) -> Void = { _ in }
    ) {
        self.store = store
        self.worker = worker
        self.clock = clock
        self.configuration = configuration
        self.logger = logger
        self.onEvent = onEvent
    }

    /// Loads the schedules and starts the loop; slots missed while pgbm was down are handled first.
    public func start() {
        guard loopTask == nil else { return }
        startedAt = clock.now()
        entries = [:]
        lastReload = .distantPast
        reloadRequested = true
        logger.info("scheduler started", metadata: ["concurrency": "\(configuration.concurrency)"])
        loopTask = Task { await self.loop() }
    }

    /// Stops the loop, cancels queued backups and running ones, and waits for their workers to return.
    public func stop() async {
        guard let loop = loopTask else { return }
        loopTask = nil
        loop.cancel()
        sleeper?.cancel()
        await failQueued()
        let tasks = running.values.map(\.task)
        tasks.forEach { $0.cancel() }
        for task in tasks { await task.value }
        await loop.value
        logger.info("scheduler stopped")
    }

    /// Records the queued (not yet started) runs as failed: pgbm stops.
    func failQueued() async {
        let now = clock.now()
        let queued = queue
        queue.removeAll()
        for pending in queued {
            await finishRecord(pending.job, .failed("pgbm stopped before the backup started"), now: now)
        }
    }

    /// Applies new settings (concurrency, grace periods) from the next loop turn on.
    public func update(configuration: SchedulerConfiguration) {
        self.configuration = configuration
        wake()
    }

    /// Reads the schedules again now: call after creating, editing or deleting one.
    public func schedulesDidChange() {
        reloadRequested = true
        wake()
    }

    func loop() async {
        while !Task.isCancelled {
            let deadline = await tick(now: clock.now())
            await sleep(until: deadline)
        }
    }

    /// One turn: reload, trigger due slots, start queued runs, renew leases, check staleness; returns
    /// when to wake next.
    ///
    /// Every store call is a suspension point where other calls (run now, cancel, pause, a finished
    /// worker) may reach the actor; each step reads the actor's state afresh after it.
    func tick(now: Date) async -> Date {
        turns += 1
        if reloadRequested || now.timeIntervalSince(lastReload) >= configuration.reloadInterval {
            await reload(now: now)
        }
        if !draining {
            await triggerDueSlots(now: now)
            await dispatch(now: now)
        }
        await renewLeases(now: now)
        if !draining { await checkStaleness(now: now) }
        return nextWake(now: now)
    }

    func sleep(until deadline: Date) async {
        if wakeRequested {
            wakeRequested = false
            return
        }
        let task = Task { [clock] in _ = try? await clock.sleep(until: deadline) }
        sleeper = task
        isIdle = true
        await task.value
        isIdle = false
        sleeper = nil
        wakeRequested = false
    }

    func wake() {
        wakeRequested = true
        sleeper?.cancel()
    }

    func nextWake(now: Date) -> Date {
        var deadline = lastReload.addingTimeInterval(configuration.reloadInterval)
        for entry in entries.values { deadline = min(deadline, entry.nextDue) }
        for job in running.values { deadline = min(deadline, job.renewAt) }
        if queue.contains(where: { $0.waitingForLease }) {
            deadline = min(deadline, now.addingTimeInterval(configuration.leaseRetryInterval))
        }
        if let staleness = nextStalenessDeadline() { deadline = min(deadline, staleness) }
        return max(deadline, now.addingTimeInterval(0.01))
    }

    /// One consistent reading for tests: whether the loop sleeps, how many backups run, how many loop
    /// turns and finished backups there were.
    package func probe() -> (idle: Bool, active: Int, turns: Int) {
        (isIdle && !wakeRequested, running.count + starting.count + finishing, turns)
    }

    func emit(_ event: SchedulerEvent) {
        onEvent(event)
    }
}
