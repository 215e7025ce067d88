import BackupRepository
import NIOPosix

/// Sends alert email through an SMTP server with libcurl (STARTTLS or TLS, AUTH), the blocking transfer
/// running on `NIOThreadPool.singleton`, never on the cooperative pool or an event loop.
struct SMTPMailer: AlertTransport {
    let host: String
    let port: Int
    /// TLS from the first byte (`smtps://`).
    let implicitTLS: Bool
    /// STARTTLS required (ignored with `implicitTLS`).
    let startTLS: Bool
    let user: String
    let password: Secret?
    let from: String
    let to: [String]
    let timeout: Duration

    var channel: AlertChannel { .email }
    var destination: String { "\(implicitTLS ? "smtps" : "smtp")://\(host):\(port)" }

    func deliver(_ alert: Alert) async throws(BackupError) {
        try await send(MailMessage(from: from, to: to, subject: "[pgbm] \(alert.title)", text: alert.body))
    }

    func send(_ message: MailMessage) async throws(BackupError) {
        let transfer = CurlSMTPTransfer(
            url: destination, requireTLS: !implicitTLS && startTLS, user: user, password: password?.revealed, from: from,
            recipients: to, timeoutSeconds: max(1, Int(timeout.components.seconds)))
        let bytes = message.rendered
        let result: Result<Void, BackupError>
        do {
            result = try await NIOThreadPool.singleton.runIfActive {
                do throws(BackupError) {
                    try transfer.perform(bytes)
                    return .success(())
                } catch {
                    return .failure(error)
                }
            }
        } catch {
            throw .alertUnreachable("the SMTP transfer could not start: \(error)")
        }
        try result.get()
    }
}
