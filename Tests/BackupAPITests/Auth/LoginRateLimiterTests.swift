@testable import BackupAPI
import Foundation
import Testing

@Suite("LoginRateLimiter")
struct LoginRateLimiterTests {
    @Test("the sixth attempt within the window waits until the oldest failure leaves it")
    func limit() async {
        let limiter = LoginRateLimiter(limit: 5, window: 900)
        let start = Date(timeIntervalSince1970: 1_000_000)
        for second in 0..<5 {
            #expect(await limiter.retryAfter(keys: ["ip:a", "user:b"], now: start.addingTimeInterval(Double(second))) == nil)
            await limiter.recordFailure(keys: ["ip:a", "user:b"], now: start.addingTimeInterval(Double(second)))
        }
        #expect(await limiter.retryAfter(keys: ["ip:a"], now: start.addingTimeInterval(100)) == 800)
        #expect(await limiter.retryAfter(keys: ["user:b"], now: start.addingTimeInterval(100)) == 800)
        #expect(await limiter.retryAfter(keys: ["ip:other", "user:other"], now: start.addingTimeInterval(100)) == nil)
        #expect(await limiter.retryAfter(keys: ["ip:a"], now: start.addingTimeInterval(901)) == nil)
    }

    @Test("a reset forgets a key; the number of keys kept is bounded")
    func resetAndBound() async {
        let limiter = LoginRateLimiter(limit: 1, window: 900, maximumKeys: 3)
        let now = Date()
        await limiter.recordFailure(keys: ["user:a"], now: now)
        #expect(await limiter.retryAfter(keys: ["user:a"], now: now) != nil)
        await limiter.reset("user:a")
        #expect(await limiter.retryAfter(keys: ["user:a"], now: now) == nil)
        for index in 0..<10 { await limiter.recordFailure(keys: ["user:\(index)"], now: now.addingTimeInterval(Double(index))) }
        #expect(await limiter.retryAfter(keys: ["user:0"], now: now.addingTimeInterval(10)) == nil)
        #expect(await limiter.retryAfter(keys: ["user:9"], now: now.addingTimeInterval(10)) != nil)
    }
}
