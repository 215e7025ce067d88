/// How long the HTTP server waits for a client, and how many connections it keeps open at once.
///
/// Time counts only while pgbm is asking the client for data: while pgbm itself holds back (a restore
/// upload written to disk more slowly than it arrives) no timeout runs, and no timeout runs while pgbm
/// prepares an answer.
///
/// ```swift
/// var configuration = APIConfiguration(port: 8000)
/// configuration.connections = ConnectionLimits(idleTimeout: .seconds(150), maxConnections: 256)
/// ```
public struct ConnectionLimits: Sendable, Equatable {
    /// How long a connection may wait between requests without sending a byte (keep-alive) before it
    /// is closed. Keep it longer than a reverse proxy's own upstream keep-alive (Caddy: 2 minutes).
    public var idleTimeout: Duration
    /// How long a request's head (request line and headers) may take to arrive from its first byte;
    /// a client slower than that is answered `408 Request Timeout` and the connection closed.
    public var headerTimeout: Duration
    /// How far a request body may fall behind ``bodyMinimumRate``: the body starts with this much time in
    /// hand, each second of waiting uses a second, every `bodyMinimumRate` bytes received give a second
    /// back (never more than `bodyTimeout` in hand). A stall of this long, or a trickle slower than the
    /// rate, ends the request (`408` if no answer has started, then the connection is closed).
    public var bodyTimeout: Duration
    /// The slowest sustained body rate accepted, in bytes per second (see ``bodyTimeout``).
    public var bodyMinimumRate: Int
    /// The most connections open at once. At the limit, the connection that has waited longest for its
    /// next request is closed to make room (keep-alive is given up first); when every connection is
    /// busy with a request, new ones wait in the listen queue.
    public var maxConnections: Int

    /// Creates limits; the defaults suit a server behind a reverse proxy.
    ///
    /// - Parameters:
    ///   - idleTimeout: Longest wait between requests (150 s).
    ///   - headerTimeout: Longest time from a request's first byte to its complete head (20 s).
    ///   - bodyTimeout: How far a body may fall behind the minimum rate (60 s).
    ///   - bodyMinimumRate: The slowest sustained body rate in bytes per second (1024).
    ///   - maxConnections: The most open connections (256).
    public init(
        idleTimeout: Duration = .seconds(150), headerTimeout: Duration = .seconds(20), bodyTimeout: Duration = .seconds(60),
        bodyMinimumRate: Int = 1024, maxConnections: Int = 256
    ) {
        self.idleTimeout = idleTimeout
        self.headerTimeout = headerTimeout
        self.bodyTimeout = bodyTimeout
        self.bodyMinimumRate = bodyMinimumRate
        self.maxConnections = maxConnections
    }

    /// These limits with at most `share` of the process's file-descriptor limit for connections, so that
    /// the store, backup files and `pg_dump` pipes always find a descriptor.
    ///
    /// - Parameter descriptorLimit: The process's soft `RLIMIT_NOFILE`; `nil` leaves the limits as they are.
    /// - Returns: The limits with `maxConnections` at most half of `descriptorLimit` (and at least 1).
    public func fitting(descriptorLimit: Int?) -> ConnectionLimits {
        guard let descriptorLimit else { return self }
        var limits = self
        limits.maxConnections = max(1, min(maxConnections, descriptorLimit / 2))
        return limits
    }
}
