public import ArgumentParser

/// Options of `pgbm-server`'s HTTP connections: timeouts for slow or idle clients and the connection
/// limit (`Docs/SECURITY.md` › Slow and idle clients). Whole seconds; a flag wins over its variable.
public struct HTTPServerOptions: ParsableArguments, Sendable {
    @Option(
        name: .customLong("http-idle-timeout"),
        help: "Seconds a connection may wait between requests before it is closed (env PGBM_HTTP_IDLE_TIMEOUT, default 150).")
    var idleTimeout: String?

    @Option(
        name: .customLong("http-header-timeout"),
        help: "Seconds a request head may take from its first byte; slower ones get 408 (env PGBM_HTTP_HEADER_TIMEOUT, default 20).")
    var headerTimeout: String?

    @Option(
        name: .customLong("http-body-timeout"),
        help: "Seconds a request body may fall behind the minimum rate before it is cut (env PGBM_HTTP_BODY_TIMEOUT, default 60).")
    var bodyTimeout: String?

    @Option(
        name: .customLong("http-body-min-rate"),
        help: "Slowest sustained request body rate in bytes per second (env PGBM_HTTP_BODY_MIN_RATE, default 1024).")
    var bodyMinimumRate: String?

    @Option(
        name: .customLong("http-max-connections"),
        help: "Most HTTP connections open at once, at most half the file-descriptor limit (env PGBM_HTTP_MAX_CONNECTIONS, default 256).")
    var maxConnections: String?

    public init() {}

    /// Seconds a connection may wait between requests (1…86400, default 150).
    public func resolvedIdleTimeout() throws -> Duration {
        .seconds(try seconds(idleTimeout, "--http-idle-timeout", "PGBM_HTTP_IDLE_TIMEOUT", 150))
    }

    /// Seconds from a request's first byte to its complete head (1…86400, default 20).
    public func resolvedHeaderTimeout() throws -> Duration {
        .seconds(try seconds(headerTimeout, "--http-header-timeout", "PGBM_HTTP_HEADER_TIMEOUT", 20))
    }

    /// Seconds a body may fall behind the minimum rate (1…86400, default 60).
    public func resolvedBodyTimeout() throws -> Duration {
        .seconds(try seconds(bodyTimeout, "--http-body-timeout", "PGBM_HTTP_BODY_TIMEOUT", 60))
    }

    /// The slowest sustained body rate in bytes per second (1…1073741824, default 1024).
    public func resolvedBodyMinimumRate() throws -> Int {
        try Environment.wholeNumber(
            bodyMinimumRate, flag: "--http-body-min-rate", variable: "PGBM_HTTP_BODY_MIN_RATE", fallback: 1024,
            in: 1...1_073_741_824, meaning: "a rate in bytes per second")
    }

    /// The most connections open at once as configured (1…1000000, default 256), before the server fits
    /// it to its file-descriptor limit.
    public func resolvedMaxConnections() throws -> Int {
        try Environment.wholeNumber(
            maxConnections, flag: "--http-max-connections", variable: "PGBM_HTTP_MAX_CONNECTIONS", fallback: 256,
            in: 1...1_000_000, meaning: "a number of connections")
    }

    public mutating func validate() throws {
        _ = try resolvedIdleTimeout()
        _ = try resolvedHeaderTimeout()
        _ = try resolvedBodyTimeout()
        _ = try resolvedBodyMinimumRate()
        _ = try resolvedMaxConnections()
    }

    private func seconds(_ given: String?, _ flag: String, _ variable: String, _ fallback: Int) throws -> Int {
        try Environment.wholeNumber(given, flag: flag, variable: variable, fallback: fallback, in: 1...86400, meaning: "a number of seconds")
    }
}
