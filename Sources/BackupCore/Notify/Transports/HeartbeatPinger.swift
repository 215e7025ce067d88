import AsyncHTTPClient
import NIOHTTP1

/// Pings a heartbeat URL the healthchecks.io way: `GET <url>` after a successful backup,
/// `GET <url>/fail` after a failed one (and `GET <url>` for a test).
struct HeartbeatPinger: AlertTransport {
    let url: String
    let http: HTTPDelivery

    var channel: AlertChannel { .heartbeat }
    var destination: String { HTTPDelivery.origin(url) }

    /// The URL pinged for `alert`.
    func target(for alert: Alert) -> String {
        guard alert.isFailure else { return url }
        return (url.hasSuffix("/") ? String(url.dropLast()) : url) + "/fail"
    }

    func deliver(_ alert: Alert) async throws(BackupError) {
        var request = HTTPClientRequest(url: target(for: alert))
        request.method = .GET
        request.headers.add(name: "User-Agent", value: "pgbm")
        try HTTPDelivery.requireSuccess(await http.send(request, to: destination), from: "the heartbeat URL at \(destination)")
    }
}
