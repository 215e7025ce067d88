import Foundation

/// Runs blocking work (a child process waited for, a sleep) on a thread of its own, never on Swift's
/// cooperative pool: with two cores that pool has two threads, and tests blocking both while a `pg_dump`
/// needs its consumer task to run would deadlock.
public func offPool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try body() }) }.start()
    }
}
