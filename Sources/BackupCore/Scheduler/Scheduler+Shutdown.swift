import Foundation
import Logging

extension Scheduler {
    /// Stops gracefully: starts no new runs, fails the queued ones, lets running backups finish for up to
    /// `grace` (their leases stay renewed), then cancels what still runs — those runs are recorded as
    /// failed "interrupted" and their partial files removed by the pipeline — and stops.
    ///
    /// ```swift
    /// await scheduler.shutdown(grace: .seconds(60))   // on SIGTERM
    /// ```
    public func shutdown(grace: Duration) async {
        guard loopTask != nil else { return }
        draining = true
        await failQueued()
        wake()
        if !running.isEmpty {
            logger.notice(
                "waiting for running backups before stopping", metadata: ["running": "\(running.count)", "grace": "\(grace)"])
            let deadline = ContinuousClock.now.advanced(by: grace)
            // Polls: `finished` runs on this actor while it sleeps. A cancelled shutdown stops waiting.
            while !running.isEmpty, ContinuousClock.now < deadline {
                guard (try? await Task.sleep(for: .milliseconds(100))) != nil else { break }
            }
            if !running.isEmpty {
                interruptedByShutdown = grace
                logger.warning("shutdown grace elapsed; cancelling running backups", metadata: ["running": "\(running.count)"])
            }
        }
        await stop()
    }
}
