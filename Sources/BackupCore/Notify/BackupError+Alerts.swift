extension BackupError {
    /// The channel is off or a setting or secret it needs is missing.
    static func alertNotConfigured(_ message: String) -> BackupError { BackupError(.alertNotConfigured, message) }
    /// The server could not be reached (connection refused, DNS, TLS).
    static func alertUnreachable(_ message: String) -> BackupError { BackupError(.alertUnreachable, message) }
    /// The server answered with an error (HTTP status, SMTP reply, credentials refused).
    static func alertRefused(_ message: String) -> BackupError { BackupError(.alertRefused, message) }
    /// No answer in time.
    static func alertTimeout(_ message: String) -> BackupError { BackupError(.alertTimeout, message) }

    /// The same error with its message redacted.
    func redacted(_ redactor: SecretRedactor) -> BackupError { BackupError(code, redactor(message), field: field) }
}
