import BackupCore
import Foundation
import Synchronization

/// A wall clock that moves only when the test advances it. Sleepers wake in deadline order, and after
/// each wake-up the test waits until the system under test has settled again.
final class TestClock: SchedulerClock {
    private struct Sleeper {
        let id: Int
        let deadline: Date
        let continuation: CheckedContinuation<Void, any Error>
    }

    private struct State {
        var now: Date
        var nextId = 0
        var sleepers: [Sleeper] = []
        var cancelled: Set<Int> = []
    }

    private let state: Mutex<State>

    init(now: Date) {
        state = Mutex(State(now: now))
    }

    func now() -> Date { state.withLock { $0.now } }

    /// Tasks waiting on the clock.
    var sleeperCount: Int { state.withLock { $0.sleepers.count } }

    func sleep(until deadline: Date) async throws {
        let id = state.withLock { state in
            state.nextId += 1
            return state.nextId
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let resumeNow: (any Error)?? = state.withLock { state in
                    if state.cancelled.remove(id) != nil { return .some(CancellationError()) }
                    if deadline <= state.now { return .some(nil) }
                    state.sleepers.append(Sleeper(id: id, deadline: deadline, continuation: continuation))
                    return .none
                }
                switch resumeNow {
                case .some(.some(let error)): continuation.resume(throwing: error)
                case .some(.none): continuation.resume()
                case .none: break
                }
            }
        } onCancel: {
            let sleeper: Sleeper? = state.withLock { state in
                guard let index = state.sleepers.firstIndex(where: { $0.id == id }) else {
                    state.cancelled.insert(id)
                    return nil
                }
                return state.sleepers.remove(at: index)
            }
            sleeper?.continuation.resume(throwing: CancellationError())
        }
    }

    /// Moves time forward to `target`, waking sleepers deadline by deadline; `settle` returns once the
    /// woken tasks have done their work and wait again.
    func advance(to target: Date, settle: () async throws -> Void) async throws {
        try await settle()
        while let due = wakeNext(notAfter: target) {
            _ = due
            try await settle()
        }
        state.withLock { $0.now = max($0.now, target) }
        try await settle()
    }

    func advance(by seconds: TimeInterval, settle: () async throws -> Void) async throws {
        try await advance(to: now().addingTimeInterval(seconds), settle: settle)
    }

    /// Sets the time to the earliest deadline not after `target` and wakes everyone due by then.
    private func wakeNext(notAfter target: Date) -> Date? {
        let (deadline, woken): (Date?, [Sleeper]) = state.withLock { state in
            guard let earliest = state.sleepers.map(\.deadline).min(), earliest <= target else { return (nil, []) }
            state.now = max(state.now, earliest)
            let due = state.sleepers.filter { $0.deadline <= earliest }
            state.sleepers.removeAll { $0.deadline <= earliest }
            return (earliest, due)
        }
        woken.forEach { $0.continuation.resume() }
        return deadline
    }
}
