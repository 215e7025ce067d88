public import BackupRepository
public import Foundation

/// A user as the API and `pgbm-cli user --json` show it; the password hash never leaves the server.
public struct UserResponse: Encodable, Sendable, Equatable {
    public let id: Int64
    public let username: String
    /// `admin` or `viewer`.
    public let role: String
    public let disabled: Bool
    public let createdAt: Date

    /// The response of `user`.
    public init(_ user: User) {
        id = user.id ?? 0
        username = user.username
        role = user.role.rawValue
        disabled = user.disabled
        createdAt = user.createdAt
    }
}
