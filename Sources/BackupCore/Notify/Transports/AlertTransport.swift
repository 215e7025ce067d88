/// One place alerts go: the email server, a webhook URL or the heartbeat URL.
protocol AlertTransport: Sendable {
    var channel: AlertChannel { get }
    /// Where it goes, safe to log and audit (scheme, host and port only: a webhook's path is often its
    /// secret token).
    var destination: String { get }
    /// Sends the alert once.
    func deliver(_ alert: Alert) async throws(BackupError)
}
