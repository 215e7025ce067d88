import Prometheus

extension ServerMetrics {
    /// Sets the number of open HTTP connections.
    func setOpenConnections(_ count: Int) {
        registry.makeGauge(descriptor: Self.descriptor("http", "connections", "Open HTTP connections")).set(to: Double(count))
    }

    /// Counts an HTTP connection pgbm closed: `reason` is `idle`, `header`, `body` (its client ran out of
    /// time) or `limit` (closed to make room at the connection limit).
    func recordClosedConnection(reason: String) {
        registry.makeCounter(
            descriptor: Self.descriptor("http_connections_closed", "total", "HTTP connections closed by pgbm, by reason"),
            labels: [("reason", reason)]
        ).increment()
    }
}
