public import AsyncHTTPClient
public import BackupRepository
public import Foundation
public import Logging
import NIOCore
import Synchronization

/// What the notifier needs of the configuration store.
public typealias NotifierStore = DatabaseRepository & BackupRunRepository & SettingsRepository & SecretStore & AuditLog

/// Sends alerts: email (SMTP or SES), webhooks and the heartbeat, as `notifications` settings say, and
/// to the ``AlertTransport``s added in ``NotifierConfiguration/transports``.
///
/// ``post(_:)`` never blocks and never fails: each event is handled on its own task, which reads the
/// settings anew, decides what to send (`AlertThrottle`: one alert per failure streak, reminders,
/// "recovered"), and delivers to every channel with retries and backoff. Each delivery is logged and
/// audited (`alert.sent`, `alert.failed`). ``drain()`` waits for everything posted so far (tests,
/// shutdown, the end of `pgbm-cli backup run`).
///
/// ```swift
/// let notifier = Notifier(store: store, httpClient: http, logger: logger)
/// let worker = NotifyingBackupWorker(pipeline, notifier: notifier)
/// let scheduler = Scheduler(store: store, worker: worker, logger: logger, onEvent: notifier.handle)
/// …
/// await notifier.drain()
/// ```
public final class Notifier: Sendable {
    let store: any NotifierStore
    let http: HTTPDelivery
    let configuration: NotifierConfiguration
    let logger: Logger
    private let inFlight = Mutex(InFlight())

    private struct InFlight {
        var next: UInt64 = 0
        var tasks: [UInt64: Task<Void, Never>] = [:]
    }

    /// Creates a notifier.
    /// - Parameters:
    ///   - store: the configuration store: settings, secrets, runs, databases and the audit log.
    ///   - httpClient: for SES, webhooks and the heartbeat; the caller owns it and shuts it down after ``drain()``.
    ///   - configuration: attempts, backoff, the time limit of one attempt, and added transports.
    ///   - logger: for deliveries and their failures.
    public init(store: any NotifierStore, httpClient: HTTPClient, configuration: NotifierConfiguration = NotifierConfiguration(), logger: Logger) {
        self.store = store
        self.http = HTTPDelivery(client: httpClient, timeout: configuration.timeout)
        self.configuration = configuration
        self.logger = logger
    }

    /// Handles `event` in the background; returns at once.
    public func post(_ event: AlertEvent) {
        inFlight.withLock { state in
            let id = state.next
            state.next += 1
            state.tasks[id] = Task {
                await self.process(event)
                self.inFlight.withLock { _ = $0.tasks.removeValue(forKey: id) }
            }
        }
    }

    /// Posts ``AlertEvent/backupOverdue(databaseId:expectedBy:lastSuccessAt:)`` for the scheduler's
    /// `overdue` events and ignores the others (finished backups come from ``NotifyingBackupWorker``).
    /// Fits ``Scheduler``'s `onEvent`.
    public func handle(_ event: SchedulerEvent) {
        guard case .overdue(let databaseId, let expectedBy, let lastSuccessAt) = event else { return }
        post(.backupOverdue(databaseId: databaseId, expectedBy: expectedBy, lastSuccessAt: lastSuccessAt))
    }

    /// Reports the end of a restore job (for the restore side).
    /// - Parameters:
    ///   - jobId: the restore job.
    ///   - target: where it restored to, for people (`app on db2:5432`); never a password.
    ///   - succeeded: whether it succeeded.
    ///   - error: why it failed, `nil` on success.
    ///   - at: when it ended.
    public func restoreFinished(jobId: Int64, target: String, succeeded: Bool, error: String?, at: Date = Date()) {
        post(.restoreFinished(jobId: jobId, target: target, succeeded: succeeded, error: error, at: at))
    }

    /// Posts the end of a restore job (``RestoreService``'s `onFinish`); a cancelled job alerts nobody.
    public func restoreFinished(_ job: RestoreJob) {
        guard job.state == .succeeded || job.state == .failed, let id = job.id else { return }
        let target = RestoreDetails.decode(job.details)?.target ?? RestoreJobRecord.describeTarget(job.target)
        restoreFinished(jobId: id, target: target, succeeded: job.state == .succeeded, error: job.error, at: job.finishedAt ?? Date())
    }

    /// Waits until every event posted so far (and any posted meanwhile) has been delivered or given up.
    public func drain() async {
        while true {
            let pending = inFlight.withLock { Array($0.tasks.values) }
            if pending.isEmpty { return }
            for task in pending { await task.value }
        }
    }

    /// Cancels the retries of every delivery in progress and waits for them to stop.
    public func cancelAll() async {
        inFlight.withLock { $0.tasks.values.forEach { $0.cancel() } }
        await drain()
    }

    /// Plans `event` and delivers it on every channel that wants it, at once.
    func process(_ event: AlertEvent) async {
        let context: DeliveryContext
        let plan: AlertPlan
        do {
            context = try await DeliveryContext.load(store: store, http: http, added: configuration.transports)
            plan = try await AlertPlanner(store: store, settings: context.channels.settings, general: context.general, redactor: context.redactor)
                .plan(event, now: Date())
        } catch {
            logger.error("cannot prepare an alert", metadata: ["error": "\(error)"])
            return
        }
        await withTaskGroup(of: Void.self) { group in
            for (channel, alert) in routes(plan, channels: context.channels) {
                group.addTask { await self.deliver(alert, on: channel, context: context) }
            }
        }
    }

    /// Which channel gets which alert.
    func routes(_ plan: AlertPlan, channels: AlertChannels) -> [(AlertChannel, Alert)] {
        var routes: [(AlertChannel, Alert)] = []
        if let alert = plan.alert {
            routes += [AlertChannel.email, .webhook].filter { channels.wants($0, alert.event) }.map { ($0, alert) }
        }
        if let heartbeat = plan.heartbeat, channels.wants(.heartbeat, heartbeat.event) { routes.append((.heartbeat, heartbeat)) }
        return routes
    }
}

/// What one event's deliveries share: the settings read once, the transports' inputs, the redactor.
struct DeliveryContext: Sendable {
    let channels: AlertChannels
    let general: GeneralSettings
    let redactor: SecretRedactor

    static func load(store: any NotifierStore, http: HTTPDelivery, added: [any AlertTransport]) async throws -> DeliveryContext {
        await DeliveryContext(
            channels: AlertChannels(
                settings: try await store.settings(NotificationSettings.self), secrets: store, http: http, added: added),
            general: try await store.settings(GeneralSettings.self), redactor: try SecretRedactor.load(from: store))
    }
}

extension Notifier {
    /// An `HTTPClient` suited to alerts: 10 s to connect, up to 3 redirects followed, no decompression.
    /// The caller shuts it down after ``drain()``.
    public static func makeHTTPClient() -> HTTPClient {
        var configuration = HTTPClient.Configuration()
        configuration.timeout.connect = .seconds(10)
        configuration.redirectConfiguration = .follow(max: 3, allowCycles: false)
        configuration.decompression = .disabled
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }
}
