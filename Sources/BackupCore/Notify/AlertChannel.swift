/// Where alerts go.
public enum AlertChannel: String, Sendable, Codable, CaseIterable, CustomStringConvertible {
    /// Email through SMTP or the SES API (`notifications.email_transport`).
    case email
    /// A JSON POST to each of `notifications.webhook_urls`.
    case webhook
    /// A GET of `notifications.heartbeat_url` on each backup success, of `<url>/fail` on each failure.
    case heartbeat

    public var description: String { rawValue }
}
