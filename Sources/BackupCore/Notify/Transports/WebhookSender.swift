import AsyncHTTPClient
import NIOCore
import NIOHTTP1

/// POSTs ``WebhookPayload`` JSON to one webhook URL; any 2xx answer is a delivery.
struct WebhookSender: AlertTransport {
    let url: String
    let http: HTTPDelivery

    var channel: AlertChannel { .webhook }
    var destination: String { HTTPDelivery.origin(url) }

    func deliver(_ alert: Alert) async throws(BackupError) {
        let body: [UInt8]
        do {
            body = Array(try WebhookPayload(alert).encoded())
        } catch {
            throw .alertRefused("the alert cannot be encoded as JSON: \(error)")
        }
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "User-Agent", value: "pgbm")
        request.body = .bytes(ByteBuffer(bytes: body))
        try HTTPDelivery.requireSuccess(await http.send(request, to: destination), from: "the webhook at \(destination)")
    }
}
