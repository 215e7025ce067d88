import HummingbirdCore
import Logging
import NIOCore
import Synchronization

/// The open HTTP connections of one server, as Hummingbird's `AvailableConnectionsDelegate`: counts them,
/// stops accepting at ``ConnectionLimits/maxConnections`` (new connections then wait in the listen queue)
/// and knows which connections wait for a request, so that at the limit the one that has waited longest
/// is closed to make room. A connection busy with a request is never closed for room.
///
/// Each connection's handler owns a ``Slot`` and marks it waiting or busy with one atomic store per
/// change (no lock on a request's path); the registry's lock is taken when a connection opens or closes,
/// and the slots are scanned only at the limit.
///
/// ```swift
/// let registry = ConnectionRegistry(maximum: 256, metrics: metrics, logger: logger)
/// ApplicationConfiguration(address: .hostname("127.0.0.1", port: 8000), availableConnectionsDelegate: registry)
/// ```
final class ConnectionRegistry: AvailableConnectionsDelegate {
    /// One connection as the registry sees it: since when it waits for a request (uptime nanoseconds;
    /// 0 while busy with one).
    final class Slot: Sendable {
        let channel: any Channel
        fileprivate let waitingSince = Atomic<UInt64>(0)

        fileprivate init(channel: any Channel) { self.channel = channel }
    }

    /// The most connections open at once.
    let maximum: Int
    private let open = Atomic<Int>(0)
    private let slots = Mutex<[ObjectIdentifier: Slot]>([:])
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
    var openConnections: Int { open.load(ordering: .relaxed) }

    func connectionOpened() {
        let count = open.wrappingAdd(1, ordering: .relaxed).newValue
        metrics?.setOpenConnections(count)
        if count >= maximum { makeRoom() }
    }

    func connectionClosed() {
        let count = open.wrappingSubtract(1, ordering: .relaxed).newValue
        metrics?.setOpenConnections(count)
    }

    func isAcceptingNewConnections() -> Bool {
        open.load(ordering: .relaxed) < maximum
    }

    /// Adds a new connection's slot (busy until marked waiting).
    func register(_ channel: any Channel) -> Slot {
        let slot = Slot(channel: channel)
        slots.withLock { $0[ObjectIdentifier(channel)] = slot }
        return slot
    }

    /// Forgets a connection that closes.
    func forget(_ slot: Slot) {
        slot.waitingSince.store(0, ordering: .relaxed)
        _ = slots.withLock { $0.removeValue(forKey: ObjectIdentifier(slot.channel)) }
    }

    /// Marks `slot` as waiting for a request since `since`, or busy (`nil`). At the limit, a connection
    /// that starts waiting lets the longest-waiting connection go.
    func setWaiting(_ slot: Slot, since: NIODeadline?) {
        slot.waitingSince.store(since.map { max(1, $0.uptimeNanoseconds) } ?? 0, ordering: .relaxed)
        if since != nil, open.load(ordering: .relaxed) >= maximum { makeRoom() }
    }

    /// Counts a connection closed because its client ran out of time.
    func recordTimeout(_ expiry: ConnectionTimeline.Expiry) {
        metrics?.recordClosedConnection(reason: expiry.rawValue)
    }

    /// Closes the connection that has waited longest for a request, if one waits.
    private func makeRoom() {
        let victim = slots.withLock { slots -> Slot? in
            var oldest: (slot: Slot, since: UInt64)?
            for slot in slots.values {
                let since = slot.waitingSince.load(ordering: .relaxed)
                if since != 0, since < oldest?.since ?? .max { oldest = (slot, since) }
            }
            guard let oldest else { return nil }
            oldest.slot.waitingSince.store(0, ordering: .relaxed)
            slots[ObjectIdentifier(oldest.slot.channel)] = nil
            return oldest.slot
        }
        guard let victim else { return }
        logger.debug(
            "connection limit reached: closing the connection that waited longest for a request",
            metadata: ["pgbm.http.max_connections": "\(maximum)"])
        metrics?.recordClosedConnection(reason: "limit")
        victim.channel.close(promise: nil)
    }
}
