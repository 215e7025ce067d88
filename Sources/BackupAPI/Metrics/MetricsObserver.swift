import BackupCore
import BackupRepository

/// Feeds the manager's scheduler events and finished restores to ``ServerMetrics``.
struct MetricsObserver: BackupObserver {
    let metrics: ServerMetrics
    let store: any ConfigurationStore

    func schedulerEvent(_ event: SchedulerEvent) {
        metrics.record(event, store: store)
    }

    func restoreFinished(_ job: RestoreJob) {
        metrics.restoreFinished(job)
    }
}
