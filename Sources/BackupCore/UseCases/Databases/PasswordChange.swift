public import BackupRepository

/// What an update does with a stored password: keep it, replace it, or remove it.
public enum PasswordChange: Sendable, Equatable {
    /// Leave the stored password as it is.
    case keep
    /// Store this password instead.
    case replace(Secret)
    /// Remove the stored password.
    case clear

    /// `replace` when `secret` is given, else `keep`.
    public init(_ secret: Secret?) {
        self = secret.map { .replace($0) } ?? .keep
    }

    /// The audit log's word for it: `kept`, `replaced` or `cleared`.
    var auditText: String {
        switch self {
        case .keep: "kept"
        case .replace: "replaced"
        case .clear: "cleared"
        }
    }
}
