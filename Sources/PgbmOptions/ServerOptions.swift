public import ArgumentParser

/// Options of `pgbm-server` only: where the HTTP API listens, how long a shutdown waits for backups.
public struct ServerOptions: ParsableArguments, Sendable {
    @Option(name: .customLong("host"), help: "Address to bind (env PGBM_HOST, default 127.0.0.1).")
    var host: String?

    @Option(name: .customLong("port"), help: "TCP port (env PGBM_PORT, default 8000).")
    var port: String?

    @Option(
        name: .customLong("shutdown-grace"),
        help: "Seconds running backups may take to finish after SIGTERM before they are interrupted (env PGBM_SHUTDOWN_GRACE, default 60).")
    var shutdownGrace: String?

    public init() {}

    /// How long running backups may take to finish on SIGTERM (0…86400 seconds, default 60).
    public func resolvedShutdownGrace() throws -> Duration {
        let (raw, source) =
            shutdownGrace.map { ($0, "--shutdown-grace") } ?? Environment.value("PGBM_SHUTDOWN_GRACE").map { ($0, "PGBM_SHUTDOWN_GRACE") }
            ?? ("60", "")
        guard let value = Int(raw), (0...86400).contains(value) else {
            throw ValidationError("\(source): \"\(raw)\" is not a number of seconds; expected a whole number from 0 to 86400")
        }
        return .seconds(value)
    }

    /// The bind address.
    public var resolvedHost: String { host ?? Environment.value("PGBM_HOST") ?? "127.0.0.1" }

    /// The TCP port, validated to 0...65535 (0 picks a free port).
    public func resolvedPort() throws -> Int {
        let (raw, source) = port.map { ($0, "--port") } ?? Environment.value("PGBM_PORT").map { ($0, "PGBM_PORT") } ?? ("8000", "")
        guard let value = Int(raw), (0...65535).contains(value) else {
            throw ValidationError("\(source): \"\(raw)\" is not a port; expected a whole number from 0 to 65535")
        }
        return value
    }

    public mutating func validate() throws {
        _ = try resolvedPort()
        _ = try resolvedShutdownGrace()
    }
}
