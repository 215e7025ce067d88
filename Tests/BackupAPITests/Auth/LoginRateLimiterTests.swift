@testable import BackupAPI
import Foundation
import Testing

@Suite("LoginRateLimiter")
struct LoginRateLimiterTests {
    /// Admits an attempt against `keys` at `now` and ends it as a failure; whether it was admitted.
    @discardableResult
    static func failedAttempt(_ limiter: LoginRateLimiter, keys: [String], at now: Date) async -> Bool {
        guard case .admitted(let attempt) = await limiter.admit(keys: keys, now: now) else { return false }
        await limiter.fail(attempt, now: now)
        return true
    }

    @Test("the sixth attempt within the window waits until the oldest failure leaves it")
    func limit() async {
        let limiter = LoginRateLimiter(limit: 5, window: 900)
        let start = Date(timeIntervalSince1970: 1_000_000)
        for second in 0..<5 {
            #expect(await Self.failedAttempt(limiter, keys: ["ip:a", "user:b"], at: start.addingTimeInterval(Double(second))))
        }
        #expect(await limiter.retryAfter(keys: ["ip:a"], now: start.addingTimeInterval(100)) == 800)
        #expect(await limiter.retryAfter(keys: ["user:b"], now: start.addingTimeInterval(100)) == 800)
        #expect(await limiter.retryAfter(keys: ["ip:other", "user:other"], now: start.addingTimeInterval(100)) == nil)
        #expect(await limiter.retryAfter(keys: ["ip:a"], now: start.addingTimeInterval(901)) == nil)
        guard case .refused(let wait) = await limiter.admit(keys: ["ip:c", "user:b"], now: start.addingTimeInterval(100)) else {
            Issue.record("a sixth attempt for user:b was admitted")
            return
        }
        #expect(wait == 800)
    }

    @Test("attempts still being checked count: the limit is reached before any of them failed")
    func inFlight() async {
        let limiter = LoginRateLimiter(limit: 3, window: 900)
        let now = Date(timeIntervalSince1970: 1_000_000)
        // Given three attempts admitted and not finished
        var attempts: [LoginRateLimiter.Attempt] = []
        for index in 0..<3 {
            guard case .admitted(let attempt) = await limiter.admit(keys: ["ip:\(index)", "user:a"], now: now) else {
                Issue.record("attempt \(index) refused")
                return
            }
            attempts.append(attempt)
        }
        // Then a fourth is refused while they run
        guard case .refused(let wait) = await limiter.admit(keys: ["ip:9", "user:a"], now: now.addingTimeInterval(1)) else {
            Issue.record("a fourth attempt was admitted while three were in flight")
            return
        }
        #expect(wait == 899)
        // When one succeeds, its place is given back and the username's failures are forgotten
        await limiter.succeed(attempts[0], clearing: "user:a")
        #expect(await limiter.retryAfter(keys: ["user:a"], now: now) == nil)
        // And one whose check could not run gives its place back without counting
        await limiter.release(attempts[1])
        await limiter.fail(attempts[2], now: now.addingTimeInterval(2))
        #expect(await Self.failedAttempt(limiter, keys: ["ip:x", "user:a"], at: now.addingTimeInterval(3)))
        #expect(await Self.failedAttempt(limiter, keys: ["ip:y", "user:a"], at: now.addingTimeInterval(4)))
        // Then the failure counts from when it was known
        #expect(await limiter.retryAfter(keys: ["user:a"], now: now.addingTimeInterval(5)) == 897)
        #expect(await limiter.retryAfter(keys: ["ip:0"], now: now) == nil)
    }

    @Test("a success forgets the username's failures; the number of keys kept is bounded")
    func resetAndBound() async {
        let limiter = LoginRateLimiter(limit: 1, window: 900, maximumKeys: 3)
        let now = Date()
        #expect(await Self.failedAttempt(limiter, keys: ["user:a"], at: now))
        #expect(await limiter.retryAfter(keys: ["user:a"], now: now) != nil)
        let other = LoginRateLimiter(limit: 2, window: 900)
        #expect(await Self.failedAttempt(other, keys: ["user:a"], at: now))
        guard case .admitted(let attempt) = await other.admit(keys: ["user:a"], now: now) else {
            Issue.record("second attempt refused")
            return
        }
        await other.succeed(attempt, clearing: "user:a")
        #expect(await other.retryAfter(keys: ["user:a"], now: now) == nil)
        for index in 0..<10 { await Self.failedAttempt(limiter, keys: ["user:\(index)"], at: now.addingTimeInterval(Double(index))) }
        #expect(await limiter.retryAfter(keys: ["user:0"], now: now.addingTimeInterval(10)) == nil)
        #expect(await limiter.retryAfter(keys: ["user:9"], now: now.addingTimeInterval(10)) != nil)
    }
}
