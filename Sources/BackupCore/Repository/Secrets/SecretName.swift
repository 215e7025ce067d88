/// The names under which secrets are stored (encrypted) in the secret table.
public struct SecretName: Hashable, Sendable, CustomStringConvertible {
    /// The stored name.
    public let rawValue: String

    init(_ rawValue: String) { self.rawValue = rawValue }

    /// The password of a configured database.
    public static func databasePassword(_ id: Int64) -> SecretName { SecretName("database.\(id).password") }
    /// A backup encryption passphrase.
    public static func passphrase(_ id: String) -> SecretName { SecretName("encryption.passphrase.\(id)") }
    /// The S3 secret access key.
    public static let s3SecretKey = SecretName("s3.secret_key")
    /// The SMTP password.
    public static let smtpPassword = SecretName("smtp.password")
    /// The SES secret access key.
    public static let sesSecretKey = SecretName("ses.secret_key")
    /// The webhook URLs (their tokens are credentials), as the JSON array of the `notifications` field.
    public static let webhookURLs = SecretName("notifications.webhook_urls")
    /// The heartbeat URL (its check id is a credential), as the JSON string of the `notifications` field.
    public static let heartbeatURL = SecretName("notifications.heartbeat_url")

    public var description: String { rawValue }
}
