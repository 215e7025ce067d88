import BackupCore
import ServiceLifecycle

/// Runs the ``Scheduler`` as a `Service`: starts it, and on graceful shutdown (SIGTERM, SIGINT) lets
/// running backups finish for up to `grace`, then cancels them (recorded as interrupted) and stops.
/// Cancellation of the group stops at once.
struct SchedulerService: Service {
    let scheduler: Scheduler
    let grace: Duration

    func run() async throws {
        await scheduler.start()
        // Returns on graceful shutdown; throws CancellationError when the group is cancelled instead.
        do {
            try await gracefulShutdown()
            await scheduler.shutdown(grace: grace)
        } catch {
            await scheduler.stop()
        }
    }
}
