public import BackupRepository

/// What ``UserService/update(_:_:by:)`` changes; `nil` keeps a field as it is.
public struct UserChange: Sendable, Equatable {
    /// The new role.
    public var role: User.Role?
    /// Whether the user may sign in.
    public var disabled: Bool?
    /// The new password (checked against ``PasswordPolicy``, stored as a bcrypt hash).
    public var password: String?

    /// Creates a change.
    public init(role: User.Role? = nil, disabled: Bool? = nil, password: String? = nil) {
        self.role = role
        self.disabled = disabled
        self.password = password
    }
}
