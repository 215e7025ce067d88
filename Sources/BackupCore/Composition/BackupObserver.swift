public import BackupRepository

/// Told what the workers do, for reports beside the alerts (the server's Prometheus metrics). Calls come
/// from the workers' tasks and must return quickly.
///
/// ```swift
/// struct Counter: BackupObserver {
///     func schedulerEvent(_ event: SchedulerEvent) { if case .finished = event { … } }
/// }
/// manager.addObserver(Counter())
/// ```
public protocol BackupObserver: Sendable {
    /// A scheduler event: queued, started, finished, overdue, …
    func schedulerEvent(_ event: SchedulerEvent)
    /// A restore job ended (succeeded, failed or cancelled).
    func restoreFinished(_ job: RestoreJob)
}

extension BackupObserver {
    public func schedulerEvent(_ event: SchedulerEvent) {}
    public func restoreFinished(_ job: RestoreJob) {}
}
