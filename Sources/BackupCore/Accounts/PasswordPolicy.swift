import BackupRepository

/// The rules a new password must meet, shared by the API and `pgbm-cli user`: at least
/// ``minimumLength`` characters, at most ``maximumBytes`` UTF-8 bytes, no control character.
///
/// bcrypt reads at most 72 bytes and stops at a NUL byte, so a longer password or one with a NUL would be
/// stored as a hash of only its beginning (`"\u{0}AAAA…"` as the empty password). Both are refused rather
/// than silently shortened; other control characters are refused too (they cannot be typed into a login
/// form and have no use in a password).
public enum PasswordPolicy {
    /// The shortest password accepted, in characters.
    public static let minimumLength = 12
    /// The longest password accepted, in UTF-8 bytes: all that bcrypt reads.
    public static let maximumBytes = 72

    /// What is wrong with `password`, or `nil` when it is acceptable. Never contains the password.
    public static func problem(with password: String) -> String? {
        if let (scalar, position) = TextRule.controlCharacter(in: password) {
            return TextRule.controlMessage(scalar, at: position)
        }
        if password.count < minimumLength { return "must be at least \(minimumLength) characters long" }
        if password.utf8.count > maximumBytes {
            return "must be at most \(maximumBytes) bytes long (bcrypt reads no more), got \(password.utf8.count)"
        }
        return nil
    }
}
