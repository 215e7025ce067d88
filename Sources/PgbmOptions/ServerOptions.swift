public import ArgumentParser

/// Options of `pgbm-server` only: where the HTTP API listens, how long a shutdown waits for backups, when
/// freed memory goes back to the system.
public struct ServerOptions: ParsableArguments, Sendable {
    @Option(name: .customLong("host"), help: "Address to bind (env PGBM_HOST, default 127.0.0.1).")
    var host: String?

    @Option(name: .customLong("port"), help: "TCP port (env PGBM_PORT, default 8000).")
    var port: String?

    @Option(
        name: .customLong("shutdown-grace"),
        help: "Seconds running backups may take to finish after SIGTERM before they are interrupted (env PGBM_SHUTDOWN_GRACE, default 60).")
    var shutdownGrace: String?

    @Option(
        name: .customLong("memory-trim-after"),
        help: "Seconds of quiet after busy work before freed memory goes back to the system; 0: never (env PGBM_MEMORY_TRIM_AFTER, default 10).")
    var memoryTrimAfter: String?

    public init() {}

    /// The quiet period after which freed memory is returned to the system (0…86400 seconds, default 10;
    /// 0 turns it off).
    public func resolvedMemoryTrimAfter() throws -> Duration {
        .seconds(
            try Environment.wholeNumber(
                memoryTrimAfter, flag: "--memory-trim-after", variable: "PGBM_MEMORY_TRIM_AFTER", fallback: 10, in: 0...86400,
                meaning: "a number of seconds"))
    }

    /// How long running backups may take to finish on SIGTERM (0…86400 seconds, default 60).
    public func resolvedShutdownGrace() throws -> Duration {
        .seconds(
            try Environment.wholeNumber(
                shutdownGrace, flag: "--shutdown-grace", variable: "PGBM_SHUTDOWN_GRACE", fallback: 60, in: 0...86400,
                meaning: "a number of seconds"))
    }

    /// The bind address.
    public var resolvedHost: String { host ?? Environment.value("PGBM_HOST") ?? "127.0.0.1" }

    /// The TCP port, validated to 0...65535 (0 picks a free port).
    public func resolvedPort() throws -> Int {
        try Environment.wholeNumber(port, flag: "--port", variable: "PGBM_PORT", fallback: 8000, in: 0...65535, meaning: "a port")
    }

    public mutating func validate() throws {
        _ = try resolvedPort()
        _ = try resolvedShutdownGrace()
        _ = try resolvedMemoryTrimAfter()
    }
}
