import BackupRepository
import Foundation

/// The throttling rule, derived from the run history alone so that it survives restarts and holds for
/// every process sharing the store:
///
/// - the first failure after a success (or of a new database) alerts;
/// - later failures of the same streak alert again only once `interval` has passed since the streak's
///   previous alert (a reminder); the previous alerts are replayed from the streak's failure times, so
///   no alert state is stored; `interval` 0 alerts on every failure;
/// - the first success after a failure streak sends "recovered";
/// - cancelled runs neither start nor end a streak.
struct AlertThrottle: Sendable {
    /// What a finished backup should send.
    enum Decision: Equatable, Sendable {
        /// The first failure of a streak.
        case firstFailure
        /// A later failure that is due a reminder; `failures` counts this one.
        case reminder(failures: Int)
        /// A later failure within the interval: nothing to send.
        case silent(failures: Int)
        /// A success ending a streak of `failures`.
        case recovered(failures: Int)
        /// A success after a success.
        case success
    }

    /// The shortest time between two alerts of one streak; 0 alerts on every failure.
    let interval: TimeInterval

    /// The decision for a run that ended now with `failed`.
    /// - Parameter earlier: the database's earlier finished runs, newest first.
    func decide(failed: Bool, at now: Date, earlier: [BackupRun]) -> Decision {
        let streak = Self.failureStreak(earlier)
        guard failed else { return streak.isEmpty ? .success : .recovered(failures: streak.count) }
        guard let first = streak.first else { return .firstFailure }
        let count = streak.count + 1
        guard interval > 0 else { return .reminder(failures: count) }
        let lastAlert = streak.dropFirst().reduce(first) { last, failure in
            failure.timeIntervalSince(last) >= interval ? failure : last
        }
        return now.timeIntervalSince(lastAlert) >= interval ? .reminder(failures: count) : .silent(failures: count)
    }

    /// When the failures right before this run ended, oldest first; empty when the run before was a success.
    static func failureStreak(_ earlier: [BackupRun]) -> [Date] {
        var times: [Date] = []
        for run in earlier where run.state != .cancelled {
            guard run.state == .failed else { break }
            times.append(run.finishedAt ?? run.startedAt ?? run.queuedAt)
        }
        return times.reversed()
    }
}
