public import BackupDump
public import BackupRepository
import Foundation
public import Logging

/// Runs restores as background jobs: each request becomes a `RestoreJob` in the store that moves
/// through `queued → downloading → decrypting → restoring → verifying → succeeded` (or `failed`,
/// `cancelled`) with byte progress, can be cancelled, and is audited (`restore.run`).
///
/// ```swift
/// let service = RestoreService(store: store, s3: connector, scratchDirectory: "/var/tmp", logger: logger)
/// let job = try await service.start(request, requester: .init(kind: .cli, name: "cli@db1"))
/// let finished = await service.wait(jobId: job.id!)
/// ```
public actor RestoreService {
    /// Who asked for a restore, as the audit log records it.
    public struct Requester: Sendable {
        /// The audit log's actor kind.
        public var kind: AuditEvent.ActorKind
        /// The audit log's actor name (`alice`, `cli@db1 (alice)`).
        public var name: String

        /// Creates a requester.
        public init(kind: AuditEvent.ActorKind, name: String) {
            self.kind = kind
            self.name = name
        }
    }

    let store: any RestoreStore
    let locator: ToolLocator
    let s3: S3Connector
    let scratchDirectory: String
    let holder: String
    let logger: Logger
    let onFinish: @Sendable (RestoreJob) -> Void
    private let slots: RestoreSlots
    private var running: [Int64: Task<RestoreJob, Never>] = [:]
    /// What tests watch (``setHooks(_:)``).
    private var hooks = RestoreHooks()

    /// Creates the service.
    /// - Parameters:
    ///   - store: the configuration store: restore jobs, settings, passphrases, databases and files.
    ///   - locator: where the PostgreSQL tools are; the `backup` settings' paths are added per job.
    ///   - s3: builds the S3 store from the settings, for restores from the bucket.
    ///   - scratchDirectory: where downloads, expanded archives and passfiles go (removed after each job).
    ///   - holder: this process's name on the jobs it runs (``LeaseHolder/current(role:)``).
    ///   - maxConcurrent: restores running at once (default 1: each holds a `pg_restore` and possibly a
    ///     scratch copy of the archive); later jobs stay `queued` until a slot frees.
    ///   - logger: for each job.
    ///   - onFinish: called with each job once it ended (alerts); must return quickly.
    public init(
        store: any RestoreStore, locator: ToolLocator = ToolLocator(), s3: S3Connector, scratchDirectory: String,
        holder: String = LeaseHolder.current(role: "restore"), maxConcurrent: Int = 1, logger: Logger,
        onFinish: @escaping @Sendable (RestoreJob) -> Void = { _ in }
    ) {
        self.slots = RestoreSlots(count: maxConcurrent)
        self.store = store
        self.locator = locator
        self.s3 = s3
        self.scratchDirectory = scratchDirectory
        self.holder = holder
        self.logger = logger
        self.onFinish = onFinish
    }

    /// Records a queued job for `request` and starts it once a slot is free.
    /// - Throws: a store error when the job cannot be recorded.
    public func start(_ request: RestoreRequest, requester: Requester) async throws -> RestoreJob {
        var job = RestoreJob(source: RestoreJobRecord.source(request.source), target: RestoreJobRecord.target(request.target))
        job.holder = holder
        job = try await store.createRestoreJob(job)
        guard let id = job.id else { return job }
        let worker = RestoreJobRunner(
            store: store, pipeline: pipeline(), holder: holder, requester: requester, logger: logger, onFinish: onFinish)
        let slots = self.slots
        running[id] = Task { [job] in
            let finished: RestoreJob
            if await slots.acquire() {
                finished = await worker.run(job, request: request)
                await slots.release()
            } else {
                finished = await worker.cancelBeforeStart(job, request: request)
            }
            self.finished(id)
            return finished
        }
        return job
    }

    /// Cancels job `jobId` (running, or queued behind others) if this service has it; false otherwise.
    public func cancel(jobId: Int64) -> Bool {
        guard let task = running[jobId] else { return false }
        task.cancel()
        return true
    }

    /// Waits for job `jobId` to end; its final record (`nil` for an unknown job).
    public func wait(jobId: Int64) async -> RestoreJob? {
        if let task = running[jobId] { return await task.value }
        return try? await store.restoreJob(id: jobId)
    }

    /// Job ids this service is running now.
    public var runningJobIds: [Int64] { running.keys.sorted() }

    private func finished(_ id: Int64) {
        running[id] = nil
    }

    /// Sets the points tests watch, for the jobs started afterwards.
    func setHooks(_ hooks: RestoreHooks) {
        self.hooks = hooks
    }

    private func pipeline() -> RestorePipeline {
        RestorePipeline(
            store: store, locator: locator, s3: s3, scratchDirectory: scratchDirectory, progress: RestoreProgress(), logger: logger,
            hooks: hooks)
    }
}
