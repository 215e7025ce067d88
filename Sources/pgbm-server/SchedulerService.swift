import BackupCore
import ServiceLifecycle

/// Runs the ``Scheduler`` as a `Service`: starts it, and on graceful shutdown (SIGTERM, SIGINT) or
/// cancellation stops it, which cancels queued and running backups and waits for their workers.
///
/// Issue 9 refines this: running backups get a time limit to finish before they are cancelled.
struct SchedulerService: Service {
    let scheduler: Scheduler

    func run() async throws {
        await scheduler.start()
        // Returns on graceful shutdown; throws CancellationError when the group is cancelled instead.
        try? await gracefulShutdown()
        await scheduler.stop()
    }
}
