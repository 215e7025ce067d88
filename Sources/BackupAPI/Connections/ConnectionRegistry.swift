import HummingbirdCore
import Logging
import NIOCore
import Synchronization

/// The open HTTP connections of one server, as Hummingbird's `AvailableConnectionsDelegate`: counts them,
/// stops accepting at ``ConnectionLimits/maxConnections`` (new connections then wait in the listen queue)
/// and knows which connections wait for a request, so that at the limit the one that has waited longest
/// is closed to make room. A connection busy with a request is never closed for room.
///
/// ```swift
/// let registry = ConnectionRegistry(maximum: 256, metrics: metrics, logger: logger)
/// ApplicationConfiguration(address: .hostname("127.0.0.1", port: 8000), availableConnectionsDelegate: registry)
/// ```
final class ConnectionRegistry: AvailableConnectionsDelegate {
    private struct Waiting {
        var channel: any Channel
        var since: NIODeadline
    }

    private struct State {
        var open = 0
        var waiting: [ObjectIdentifier: Waiting] = [:]
    }

    /// The most connections open at once.
    let maximum: Int
    private let state = Mutex(State())
    private let metrics: ServerMetrics?
    private let logger: Logger

    /// A registry for at most `maximum` connections (at least 1).
    ///
    /// - Parameters:
    ///   - maximum: The most connections open at once.
    ///   - metrics: Where open connections and timeouts are counted, if anywhere.
    ///   - logger: Logs (at `debug`) connections closed to make room.
    init(maximum: Int, metrics: ServerMetrics? = nil, logger: Logger) {
        self.maximum = max(1, maximum)
        self.metrics = metrics
        self.logger = logger
    }

    /// How many connections are open.
    var openConnections: Int { state.withLock { $0.open } }

    func connectionOpened() {
        let (open, victim) = state.withLock { state -> (Int, (any Channel)?) in
            state.open += 1
            return (state.open, state.open >= maximum ? Self.takeLongestWaiting(&state) : nil)
        }
        metrics?.setOpenConnections(open)
        makeRoom(closing: victim)
    }

    func connectionClosed() {
        let open = state.withLock { state in
            state.open = max(0, state.open - 1)
            return state.open
        }
        metrics?.setOpenConnections(open)
    }

    func isAcceptingNewConnections() -> Bool {
        state.withLock { $0.open < maximum }
    }

    /// Records whether `channel` waits for a request and since when (`nil`: busy with one). At the limit,
    /// a connection that starts waiting lets the longest-waiting connection go.
    func setWaiting(_ channel: any Channel, since: NIODeadline?) {
        let key = ObjectIdentifier(channel)
        let victim = state.withLock { state -> (any Channel)? in
            guard let since else {
                state.waiting[key] = nil
                return nil
            }
            state.waiting[key] = Waiting(channel: channel, since: since)
            return state.open >= maximum ? Self.takeLongestWaiting(&state) : nil
        }
        makeRoom(closing: victim)
    }

    /// Forgets a connection that closes.
    func forget(_ channel: any Channel) {
        let key = ObjectIdentifier(channel)
        state.withLock { _ = $0.waiting.removeValue(forKey: key) }
    }

    /// Counts a connection closed because its client ran out of time.
    func recordTimeout(_ expiry: ConnectionTimeline.Expiry) {
        metrics?.recordClosedConnection(reason: expiry.rawValue)
    }

    private func makeRoom(closing victim: (any Channel)?) {
        guard let victim else { return }
        logger.debug("connection limit reached: closing the connection that waited longest for a request",
                     metadata: ["pgbm.http.max_connections": "\(maximum)"])
        metrics?.recordClosedConnection(reason: "limit")
        victim.close(promise: nil)
    }

    private static func takeLongestWaiting(_ state: inout State) -> (any Channel)? {
        guard let oldest = state.waiting.min(by: { $0.value.since < $1.value.since }) else { return nil }
        state.waiting[oldest.key] = nil
        return oldest.value.channel
    }
}
