/// The rules a new password must meet, shared by the API and `pgbm-cli user`.
public enum PasswordPolicy {
    /// The shortest password accepted, in characters.
    public static let minimumLength = 12

    /// What is wrong with `password`, or `nil` when it is acceptable. Never contains the password.
    public static func problem(with password: String) -> String? {
        if password.count < minimumLength { return "must be at least \(minimumLength) characters long" }
        if password.utf8.count > 1024 { return "must be at most 1024 bytes long" }
        return nil
    }
}
