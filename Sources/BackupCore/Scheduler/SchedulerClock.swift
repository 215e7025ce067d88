public import Foundation

/// The scheduler's source of wall-clock time; tests inject a clock they advance by hand.
public protocol SchedulerClock: Sendable {
    /// The current wall-clock time.
    func now() -> Date
    /// Suspends until `deadline` (wall-clock time).
    /// - Throws: `CancellationError` when the task is cancelled first.
    func sleep(until deadline: Date) async throws
}

/// The system's wall clock. Long sleeps are cut into short ones and the clock is read again after
/// each, so a suspended machine or a changed clock delays a run by at most ``recheckInterval``.
public struct SystemSchedulerClock: SchedulerClock {
    /// The longest single sleep.
    public var recheckInterval: TimeInterval

    /// Creates the clock.
    public init(recheckInterval: TimeInterval = 30) {
        self.recheckInterval = recheckInterval
    }

    public func now() -> Date { Date() }

    public func sleep(until deadline: Date) async throws {
        while true {
            let remaining = deadline.timeIntervalSinceNow
            if remaining <= 0 { return }
            try await Task.sleep(for: .seconds(min(remaining, recheckInterval)))
        }
    }
}
