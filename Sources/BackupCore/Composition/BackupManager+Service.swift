public import ServiceLifecycle

extension BackupManager: Service {
    /// Runs the scheduler until a graceful shutdown (SIGTERM, SIGINT in a `ServiceGroup`): then no new run
    /// starts, running backups may finish for ``Configuration/shutdownGrace``, what still runs is cancelled
    /// and recorded as interrupted, alerts are delivered, and the HTTP clients are closed. Cancellation of
    /// the group stops at once.
    public func run() async throws {
        await scheduler.start()
        do {
            try await gracefulShutdown()
            await scheduler.shutdown(grace: configuration.shutdownGrace)
        } catch {
            await scheduler.stop()
        }
        await shutdown()
    }
}
