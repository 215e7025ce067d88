import AsyncHTTPClient
import BackupStorage
import Foundation
import NIOCore
import NIOHTTP1

/// Sends alert email through the AWS SES API v2 (`POST /v2/email/outbound-emails`, `SendEmail` with
/// simple content), signed with SigV4 for the service `ses`.
struct SESMailer: AlertTransport {
    let endpoint: String
    let region: String
    let credentials: SigV4Credentials
    let from: String
    let to: [String]
    let http: HTTPDelivery

    var channel: AlertChannel { .email }
    var destination: String { "SES \(region) at \(HTTPDelivery.origin(endpoint))" }

    /// AWS's endpoint for `region`.
    static func defaultEndpoint(region: String) -> String { "https://email.\(region).amazonaws.com" }

    func deliver(_ alert: Alert) async throws(BackupError) {
        try await send(subject: "[pgbm] \(alert.title)", text: alert.body)
    }

    func send(subject: String, text: String) async throws(BackupError) {
        let body = try Self.sendEmailBody(from: from, to: to, subject: subject, text: text)
        let request = try signedRequest(body: body, date: Date())
        let answer = try await http.send(request, to: destination)
        guard (200..<300).contains(answer.status) else { throw Self.failure(answer, destination: destination) }
    }

    /// The signed HTTP request carrying `body`.
    func signedRequest(body: [UInt8], date: Date) throws(BackupError) -> HTTPClientRequest {
        let base = endpoint.hasSuffix("/") ? String(endpoint.dropLast()) : endpoint
        guard let url = URL(string: base + "/v2/email/outbound-emails"), let host = url.host, let scheme = url.scheme else {
            throw .alertNotConfigured("notifications.ses_endpoint \"\(endpoint)\" is not a URL")
        }
        let hostHeader = host + (url.port.map { ":\($0)" } ?? "")
        let headers = [(name: "host", value: hostHeader), (name: "content-type", value: "application/json")]
        let signable = SigV4Request(method: "POST", scheme: scheme, host: hostHeader, path: url.path, headers: headers)
        let signer = SigV4Signer(credentials: credentials, region: region, service: "ses")
        var request = HTTPClientRequest(url: signable.url.absoluteString)
        request.method = .POST
        for header in headers + signer.sign(signable, payload: .sha256(of: body), date: date) {
            request.headers.add(name: header.name, value: header.value)
        }
        request.body = .bytes(ByteBuffer(bytes: body))
        return request
    }

    /// `SendEmail`'s JSON: simple content, UTF-8 subject and text body.
    static func sendEmailBody(from: String, to: [String], subject: String, text: String) throws(BackupError) -> [UInt8] {
        let document: [String: Any] = [
            "FromEmailAddress": from,
            "Destination": ["ToAddresses": to],
            "Content": [
                "Simple": [
                    "Subject": ["Data": subject, "Charset": "UTF-8"],
                    "Body": ["Text": ["Data": text, "Charset": "UTF-8"]],
                ]
            ],
        ]
        do {
            return Array(try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys]))
        } catch {
            throw .alertRefused("the email cannot be encoded as JSON: \(error)")
        }
    }

    /// SES's error answer (`{"message": …}` with the error type in `x-amzn-errortype` or `__type`) in words.
    static func failure(_ answer: (status: Int, body: String), destination: String) -> BackupError {
        let object = (try? JSONSerialization.jsonObject(with: Data(answer.body.utf8))) as? [String: Any]
        let message = (object?["message"] ?? object?["Message"]) as? String
        let type = (object?["__type"] as? String)?.split(separator: "#").last.map(String.init)
        let detail = [type, message].compactMap { $0 }.joined(separator: ": ")
        let text = detail.isEmpty ? String(answer.body.prefix(300)) : detail
        let what = [401, 403].contains(answer.status) ? "refused the credentials (notifications.ses_access_key_id, ses.secret_key)" : "refused the email"
        return .alertRefused("\(destination) \(what): HTTP \(answer.status)\(text.isEmpty ? "" : ", \(text)")")
    }
}
