/// How hard the notifier tries, and the channels an embedder adds.
public struct NotifierConfiguration: Sendable {
    /// Attempts per delivery, the first included.
    public var attempts: Int
    /// The wait after the first failed attempt; doubled after each further one.
    public var backoff: Duration
    /// The longest one attempt may take (connect, TLS, send, answer).
    public var timeout: Duration
    /// Transports added to pgbm's own: each gets the alerts of its ``AlertTransport/channel`` (and the
    /// test send of that channel) beside the destinations the `notifications` settings describe.
    /// Empty by default.
    ///
    /// ```swift
    /// var configuration = BackupManager.Configuration(dataDirectory: "./data", backupDirectory: "./backups")
    /// configuration.notifier.transports = [LogTransport(logger: logger)]
    /// ```
    public var transports: [any AlertTransport]

    /// Creates a configuration; the defaults try 4 times over about 14 seconds.
    public init(
        attempts: Int = 4, backoff: Duration = .seconds(2), timeout: Duration = .seconds(30), transports: [any AlertTransport] = []
    ) {
        self.attempts = max(1, attempts)
        self.backoff = backoff
        self.timeout = timeout
        self.transports = transports
    }

    /// The wait before attempt `attempt + 1`.
    func delay(after attempt: Int) -> Duration {
        backoff * (1 << min(attempt - 1, 10))
    }
}
