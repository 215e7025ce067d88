import AsyncHTTPClient
import BackupRepository
import BackupStorage

/// The transports the stored settings describe, and those the embedder added, for one channel at a time.
struct AlertChannels: Sendable {
    let settings: NotificationSettings
    let secrets: any SecretStore
    let http: HTTPDelivery
    /// ``NotifierConfiguration/transports``.
    let added: [any AlertTransport]

    /// The added transports of `channel`: delivered to even when the settings' own are incomplete.
    func added(_ channel: AlertChannel) -> [any AlertTransport] {
        added.filter { $0.channel == channel }
    }

    /// The transports the settings describe for `channel`; empty when the channel is off.
    /// - Throws: ``BackupError`` `alert.not_configured` when it is on but a secret it needs is missing.
    func configured(_ channel: AlertChannel) async throws(BackupError) -> [any AlertTransport] {
        switch channel {
        case .email: try await email().map { [$0] } ?? []
        case .webhook: settings.webhookURLs.map { WebhookSender(url: $0, http: http) }
        case .heartbeat: settings.heartbeatURL.map { [HeartbeatPinger(url: $0, http: http)] } ?? []
        }
    }

    /// Why `channel` has no transport, as the test send reports it.
    func offReason(_ channel: AlertChannel) -> String {
        switch channel {
        case .email: "email is off: set notifications.email_transport to smtp or ses"
        case .webhook: "no webhook is set: set notifications.webhook_urls"
        case .heartbeat: "no heartbeat URL is set: set notifications.heartbeat_url"
        }
    }

    /// Whether `channel` is subscribed to `event` (a test, `nil`, always is). The heartbeat follows every
    /// backup's outcome.
    func wants(_ channel: AlertChannel, _ event: NotificationSettings.Event?) -> Bool {
        guard let event else { return true }
        switch channel {
        case .email: return Set(settings.emailEvents ?? defaultEvents).contains(event)
        case .webhook: return Set(settings.webhookEvents ?? defaultEvents).contains(event)
        case .heartbeat: return event == .backupFailed || event == .backupSucceeded
        }
    }

    /// The events the `on_*` switches turn on.
    var defaultEvents: [NotificationSettings.Event] {
        (settings.onFailure ? [.backupFailed, .restoreFailed] : []) + (settings.onMissed ? [.backupMissed] : [])
            + (settings.onSuccess ? [.backupSucceeded, .restoreSucceeded] : [])
    }

    private func email() async throws(BackupError) -> (any AlertTransport)? {
        switch settings.emailTransport {
        case .none: return nil
        case .smtp:
            return SMTPMailer(
                host: settings.smtpHost, port: settings.smtpPort, implicitTLS: settings.smtpTLS, startTLS: settings.smtpStartTLS,
                user: settings.smtpUser, password: try await secret(.smtpPassword, required: !settings.smtpUser.isEmpty),
                from: settings.emailFrom, to: settings.emailTo, timeout: http.timeout)
        case .ses:
            let key = try await secret(.sesSecretKey, required: true)?.revealed ?? ""
            return SESMailer(
                endpoint: settings.sesEndpoint ?? SESMailer.defaultEndpoint(region: settings.sesRegion), region: settings.sesRegion,
                credentials: SigV4Credentials(accessKeyId: settings.sesAccessKeyId, secretAccessKey: key),
                from: settings.emailFrom, to: settings.emailTo, http: http)
        }
    }

    private func secret(_ name: SecretName, required: Bool) async throws(BackupError) -> Secret? {
        let value: Secret?
        do {
            value = try await secrets.secret(name)
        } catch {
            throw .alertNotConfigured("the secret \(name) cannot be read: \(error)")
        }
        if required, value == nil {
            throw .alertNotConfigured("the secret \(name) is not set: pgbm-cli settings set-secret \(name)")
        }
        return value
    }
}
