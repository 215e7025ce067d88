import Foundation

/// Counts login attempts per client address and per username, in memory: an attempt takes its place
/// **before** the password is checked and keeps it while the check runs; once `limit` attempts within
/// `window` (failed, or still being checked) stand against either key, further logins are refused until
/// the oldest of them leaves the window.
///
/// Counting attempts in flight is what makes the limit hold under concurrency: 40 guesses sent at once
/// for one user get at most `limit` password checks, the rest are refused at once. A finished attempt
/// either becomes a failure (``fail(_:now:)``) or gives its place back (``succeed(_:clearing:)``, which
/// also forgets the username's failures; ``release(_:)`` when the check could not run).
///
/// A restart forgets the counts. At most `maximumKeys` keys with failures are kept; the least recently
/// failed ones are dropped first, so a flood of made-up usernames cannot grow memory without bound.
///
/// ```swift
/// let limiter = LoginRateLimiter()
/// switch await limiter.admit(keys: ["ip:10.0.0.1", "user:alice"], now: .now) {
/// case .refused(let retryAfter): /* 429 */
/// case .admitted(let attempt):
///     if passwordMatches { await limiter.succeed(attempt, clearing: "user:alice") }
///     else { await limiter.fail(attempt, now: .now) }
/// }
/// ```
actor LoginRateLimiter {
    /// An admitted attempt: its place in the count of each of its keys until it is finished.
    struct Attempt: Sendable {
        fileprivate let id: UInt64
        let keys: [String]
    }

    /// Whether an attempt may check the password.
    enum Admission: Sendable {
        /// It may; finish it with ``fail(_:now:)``, ``succeed(_:clearing:)`` or ``release(_:)``.
        case admitted(Attempt)
        /// It may not: too many attempts; the whole seconds to wait.
        case refused(retryAfter: Int)
    }

    /// Attempts (failed or in flight) allowed within the window.
    let limit: Int
    /// How far back failures count: the longest a lockout lasts.
    let window: TimeInterval
    /// The most keys with failures remembered.
    let maximumKeys: Int
    private var failures: [String: [Date]] = [:]
    /// Attempts being checked, by key: when each started (it counts from then until it ends).
    private var inFlight: [String: [UInt64: Date]] = [:]
    private var nextId: UInt64 = 0

    /// Creates a limiter: by default 5 attempts in 15 minutes.
    init(limit: Int = 5, window: TimeInterval = 15 * 60, maximumKeys: Int = 10_000) {
        self.limit = max(1, limit)
        self.window = window
        self.maximumKeys = maximumKeys
    }

    /// Takes a place for a new attempt against each of `keys`, or refuses it when any of them has no
    /// place left (nothing is counted then).
    func admit(keys: [String], now: Date) -> Admission {
        if let wait = retryAfter(keys: keys, now: now) { return .refused(retryAfter: wait) }
        nextId += 1
        for key in keys { inFlight[key, default: [:]][nextId] = now }
        return .admitted(Attempt(id: nextId, keys: keys))
    }

    /// The whole seconds to wait when any of `keys` has used up its attempts, else `nil`.
    func retryAfter(keys: [String], now: Date) -> Int? {
        let waits = keys.compactMap { key -> TimeInterval? in
            let counted = (prune(key, now: now) + (inFlight[key]?.values.map { $0 } ?? [])).sorted()
            guard counted.count >= limit, let oldest = counted.first else { return nil }
            return oldest.addingTimeInterval(window).timeIntervalSince(now)
        }
        return waits.max().map { max(1, Int($0.rounded(.up))) }
    }

    /// Ends `attempt` as a failed login at `now`: it counts against its keys for the window from then.
    func fail(_ attempt: Attempt, now: Date) {
        release(attempt)
        for key in attempt.keys {
            failures[key] = prune(key, now: now) + [now]
        }
        if failures.count > maximumKeys { evict() }
    }

    /// Ends `attempt` as a successful login: its places are given back and the failures of `key` (the
    /// username's) are forgotten.
    func succeed(_ attempt: Attempt, clearing key: String) {
        release(attempt)
        failures[key] = nil
    }

    /// Gives the places of `attempt` back without counting it (the password could not be checked).
    func release(_ attempt: Attempt) {
        for key in attempt.keys {
            inFlight[key]?[attempt.id] = nil
            if inFlight[key]?.isEmpty == true { inFlight[key] = nil }
        }
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
