/// How hard the notifier tries.
public struct NotifierConfiguration: Sendable {
    /// Attempts per delivery, the first included.
    public var attempts: Int
    /// The wait after the first failed attempt; doubled after each further one.
    public var backoff: Duration
    /// The longest one attempt may take (connect, TLS, send, answer).
    public var timeout: Duration

    /// Creates a configuration; the defaults try 4 times over about 14 seconds.
    public init(attempts: Int = 4, backoff: Duration = .seconds(2), timeout: Duration = .seconds(30)) {
        self.attempts = max(1, attempts)
        self.backoff = backoff
        self.timeout = timeout
    }

    /// The wait before attempt `attempt + 1`.
    func delay(after attempt: Int) -> Duration {
        backoff * (1 << min(attempt - 1, 10))
    }
}
