import Foundation

/// Counts failed logins per client address and per username, in memory: after `limit` failures within
/// `window` for either key, logins are refused until the oldest of them leaves the window.
///
/// A restart forgets the counts. At most `maximumKeys` keys are kept; the least recently failed ones
/// are dropped first, so a flood of made-up usernames cannot grow memory without bound.
///
/// ```swift
/// let limiter = LoginRateLimiter()
/// if let wait = await limiter.retryAfter(keys: ["ip:10.0.0.1", "user:alice"], now: .now) { /* 429 */ }
/// await limiter.recordFailure(keys: ["ip:10.0.0.1", "user:alice"], now: .now)
/// ```
actor LoginRateLimiter {
    /// Failures allowed within the window.
    let limit: Int
    /// How far back failures count.
    let window: TimeInterval
    /// The most keys remembered.
    let maximumKeys: Int
    private var failures: [String: [Date]] = [:]

    /// Creates a limiter: by default 5 failures in 15 minutes.
    init(limit: Int = 5, window: TimeInterval = 15 * 60, maximumKeys: Int = 10_000) {
        self.limit = limit
        self.window = window
        self.maximumKeys = maximumKeys
    }

    /// The whole seconds to wait when any of `keys` has used up its failures, else `nil`.
    func retryAfter(keys: [String], now: Date) -> Int? {
        let waits = keys.compactMap { key -> TimeInterval? in
            let recent = prune(key, now: now)
            guard recent.count >= limit, let oldest = recent.first else { return nil }
            return oldest.addingTimeInterval(window).timeIntervalSince(now)
        }
        return waits.max().map { max(1, Int($0.rounded(.up))) }
    }

    /// Counts a failed login against each of `keys`.
    func recordFailure(keys: [String], now: Date) {
        for key in keys {
            failures[key] = prune(key, now: now) + [now]
        }
        if failures.count > maximumKeys { evict() }
    }

    /// Forgets the failures of `key` (after a successful login).
    func reset(_ key: String) {
        failures[key] = nil
    }

    private func prune(_ key: String, now: Date) -> [Date] {
        let recent = (failures[key] ?? []).filter { now.timeIntervalSince($0) < window }
        failures[key] = recent.isEmpty ? nil : recent
        return recent
    }

    private func evict() {
        let byLast = failures.sorted { ($0.value.last ?? .distantPast) < ($1.value.last ?? .distantPast) }
        for (key, _) in byLast.prefix(failures.count - maximumKeys) { failures[key] = nil }
    }
}
