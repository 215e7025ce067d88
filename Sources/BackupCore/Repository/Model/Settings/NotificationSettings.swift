/// Alerts: email through SMTP or SES, webhooks, a heartbeat URL, and what triggers them.
/// Secrets: ``SecretName/smtpPassword``, ``SecretName/sesSecretKey``.
public struct NotificationSettings: SettingsGroup {
    /// How email leaves.
    public enum EmailTransport: String, Codable, Sendable, CaseIterable {
        case none, smtp, ses
    }

    public static let key = "notifications"
    public static var defaults: NotificationSettings { NotificationSettings() }

    public var emailTransport = EmailTransport.none
    public var emailFrom = ""
    public var emailTo: [String] = []
    public var smtpHost = ""
    public var smtpPort = 587
    public var smtpUser = ""
    public var smtpStartTLS = true
    public var sesRegion = "us-east-1"
    public var sesAccessKeyId = ""
    public var webhookURLs: [String] = []
    public var heartbeatURL: String?
    public var onFailure = true
    public var onMissed = true
    public var onSuccess = false
    public var dailyDigest = false
    /// The same alert for the same database at most once per this many minutes.
    public var throttleMinutes = 60

    /// Stored as snake_case by the store; acronyms are spelled so that they read back (`smtp_start_tls`,
    /// `webhook_urls`, `heartbeat_url`).
    enum CodingKeys: String, CodingKey {
        case emailTransport, emailFrom, emailTo, smtpHost, smtpPort, smtpUser, sesRegion, sesAccessKeyId
        case onFailure, onMissed, onSuccess, dailyDigest, throttleMinutes
        case smtpStartTLS = "smtpStartTls"
        case webhookURLs = "webhookUrls"
        case heartbeatURL = "heartbeatUrl"
    }

    public init() {}

    public func validate() throws(ValidationFailure) {
        if emailTransport != .none {
            try Validate.that(emailFrom.contains("@"), field: "email_from", "must be an email address")
            try Validate.that(!emailTo.isEmpty && emailTo.allSatisfy { $0.contains("@") }, field: "email_to", "must list email addresses")
        }
        if emailTransport == .smtp {
            try Validate.nonEmpty(smtpHost, field: "smtp_host")
            try Validate.that((1...65535).contains(smtpPort), field: "smtp_port", "must be between 1 and 65535")
        }
        for url in webhookURLs + [heartbeatURL].compactMap({ $0 }) {
            try Validate.that(url.hasPrefix("http://") || url.hasPrefix("https://"), field: "webhook_urls", "\"\(url)\" is not an http(s) URL")
        }
        try Validate.that(throttleMinutes >= 0, field: "throttle_minutes", "must not be negative")
    }
}
