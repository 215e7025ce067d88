/// Alerts: email through SMTP or SES, webhooks, a heartbeat URL, and what triggers them.
/// Secrets: ``SecretName/smtpPassword``, ``SecretName/sesSecretKey``; ``webhookURLs`` and ``heartbeatURL``
/// are sealed in the secret table too (``sealedFields``), never stored in clear.
///
/// Fields added after the first release decode with their defaults when missing, so settings stored by an
/// older pgbm still read.
public struct NotificationSettings: SettingsGroup {
    /// How email leaves.
    public enum EmailTransport: String, Codable, Sendable, CaseIterable {
        case none, smtp, ses
    }

    /// What a channel can be told about (`email_events`, `webhook_events`).
    public enum Event: String, Codable, Sendable, CaseIterable {
        /// A backup failed (also its reminders and the "recovered" message that ends the streak).
        case backupFailed = "backup_failed"
        /// No successful backup of a database by the time one was expected.
        case backupMissed = "backup_missed"
        case backupSucceeded = "backup_succeeded"
        case restoreFailed = "restore_failed"
        case restoreSucceeded = "restore_succeeded"
    }

    public static let key = "notifications"
    public static var defaults: NotificationSettings { NotificationSettings() }
    /// A webhook or heartbeat URL carries its receiver's token: it is a credential.
    public static var sealedFields: [String: SecretName] { ["webhook_urls": .webhookURLs, "heartbeat_url": .heartbeatURL] }

    public var emailTransport = EmailTransport.none
    public var emailFrom = ""
    public var emailTo: [String] = []
    public var smtpHost = ""
    public var smtpPort = 587
    public var smtpUser = ""
    /// Upgrade the connection with STARTTLS and refuse to go on without it.
    public var smtpStartTLS = true
    /// TLS from the first byte (`smtps://`, usually port 465); `smtp_start_tls` is then ignored.
    public var smtpTLS = false
    public var sesRegion = "us-east-1"
    public var sesAccessKeyId = ""
    /// The SES API's base URL; `nil`: `https://email.<region>.amazonaws.com`.
    public var sesEndpoint: String?
    public var webhookURLs: [String] = []
    public var heartbeatURL: String?
    /// The events email is sent for; `nil`: those the `on_*` switches turn on.
    public var emailEvents: [Event]?
    /// The events webhooks are called for; `nil`: those the `on_*` switches turn on.
    public var webhookEvents: [Event]?
    /// Backup and restore failures.
    public var onFailure = true
    public var onMissed = true
    /// Backup and restore successes.
    public var onSuccess = false
    /// Not sent yet (a later release).
    public var dailyDigest = false
    /// A database that keeps failing alerts on its first failure, then at most once per this many minutes
    /// (a reminder); `0` alerts on every failure.
    public var throttleMinutes = 60

    /// Stored as snake_case by the store; acronyms are spelled so that they read back (`smtp_start_tls`,
    /// `webhook_urls`, `heartbeat_url`).
    enum CodingKeys: String, CodingKey {
        case emailTransport, emailFrom, emailTo, smtpHost, smtpPort, smtpUser, sesRegion, sesAccessKeyId
        case sesEndpoint, emailEvents, webhookEvents
        case onFailure, onMissed, onSuccess, dailyDigest, throttleMinutes
        case smtpStartTLS = "smtpStartTls"
        case smtpTLS = "smtpTls"
        case webhookURLs = "webhookUrls"
        case heartbeatURL = "heartbeatUrl"
    }

    public init() {}

    public func validate() throws(StoreError) {
        try TextRule.shortText.check(emailFrom, field: "email_from")
        for address in emailTo { try TextRule.shortText.check(address, field: "email_to") }
        try TextRule.host.check(smtpHost, field: "smtp_host")
        try TextRule.shortText.check(smtpUser, field: "smtp_user")
        try TextRule.shortText.check(sesRegion, field: "ses_region")
        try TextRule.shortText.check(sesAccessKeyId, field: "ses_access_key_id")
        if emailTransport != .none {
            try Validate.that(emailFrom.contains("@"), field: "email_from", "must be an email address")
            try Validate.that(!emailTo.isEmpty && emailTo.allSatisfy { $0.contains("@") }, field: "email_to", "must list email addresses")
        }
        try Validate.that((1...65535).contains(smtpPort), field: "smtp_port", "must be between 1 and 65535")
        if emailTransport == .smtp {
            try Validate.nonEmpty(smtpHost, field: "smtp_host")
        }
        if emailTransport == .ses {
            try Validate.nonEmpty(sesRegion, field: "ses_region")
            try Validate.nonEmpty(sesAccessKeyId, field: "ses_access_key_id")
        }
        for url in webhookURLs {
            try Validate.httpURL(url, field: "webhook_urls")
        }
        if let heartbeatURL { try Validate.httpURL(heartbeatURL, field: "heartbeat_url") }
        if let sesEndpoint { try Validate.httpURL(sesEndpoint, field: "ses_endpoint") }
        try Validate.that(throttleMinutes >= 0, field: "throttle_minutes", "must not be negative")
    }
}

extension NotificationSettings {
    /// Every field is optional in stored JSON: a missing one keeps its default.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        var value = NotificationSettings()
        func read<T: Decodable>(_ key: CodingKeys, _ path: WritableKeyPath<NotificationSettings, T>) throws {
            if let decoded = try container.decodeIfPresent(T.self, forKey: key) { value[keyPath: path] = decoded }
        }
        func readOptional<T: Decodable>(_ key: CodingKeys, _ path: WritableKeyPath<NotificationSettings, T?>) throws {
            value[keyPath: path] = try container.decodeIfPresent(T.self, forKey: key) ?? value[keyPath: path]
        }
        try read(.emailTransport, \.emailTransport)
        try read(.emailFrom, \.emailFrom)
        try read(.emailTo, \.emailTo)
        try read(.smtpHost, \.smtpHost)
        try read(.smtpPort, \.smtpPort)
        try read(.smtpUser, \.smtpUser)
        try read(.smtpStartTLS, \.smtpStartTLS)
        try read(.smtpTLS, \.smtpTLS)
        try read(.sesRegion, \.sesRegion)
        try read(.sesAccessKeyId, \.sesAccessKeyId)
        try readOptional(.sesEndpoint, \.sesEndpoint)
        try read(.webhookURLs, \.webhookURLs)
        try readOptional(.heartbeatURL, \.heartbeatURL)
        try readOptional(.emailEvents, \.emailEvents)
        try readOptional(.webhookEvents, \.webhookEvents)
        try read(.onFailure, \.onFailure)
        try read(.onMissed, \.onMissed)
        try read(.onSuccess, \.onSuccess)
        try read(.dailyDigest, \.dailyDigest)
        try read(.throttleMinutes, \.throttleMinutes)
        self = value
    }
}
