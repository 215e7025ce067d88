/// A channel could not deliver an alert. The message says what to fix and never holds a secret.
public struct AlertDeliveryError: Error, Equatable, Sendable, CustomStringConvertible {
    private enum Code: String, Equatable, Sendable {
        case notConfigured, unreachable, refused, timeout
    }

    private let code: Code
    /// What went wrong, for people.
    public let message: String

    private init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// The channel is off or a setting or secret it needs is missing.
    public static func notConfigured(_ message: String) -> AlertDeliveryError { AlertDeliveryError(.notConfigured, message) }
    /// The server could not be reached (connection refused, DNS, TLS).
    public static func unreachable(_ message: String) -> AlertDeliveryError { AlertDeliveryError(.unreachable, message) }
    /// The server answered with an error (HTTP status, SMTP reply, credentials refused).
    public static func refused(_ message: String) -> AlertDeliveryError { AlertDeliveryError(.refused, message) }
    /// No answer in time.
    public static func timeout(_ message: String) -> AlertDeliveryError { AlertDeliveryError(.timeout, message) }

    /// Whether the channel lacks settings; retrying does not help.
    public var isNotConfigured: Bool { code == .notConfigured }

    public var description: String { message }

    /// The same error with its message redacted.
    func redacted(_ redactor: SecretRedactor) -> AlertDeliveryError { AlertDeliveryError(code, redactor(message)) }
}
