package import BackupRepository
package import Foundation
import Hummingbird

/// A user as the API and `pgbm-cli user` show it; the password hash never leaves the server.
package struct UserResponse: ResponseEncodable, Sendable, Equatable {
    package let id: Int64
    package let username: String
    package let role: String
    package let disabled: Bool
    package let createdAt: Date

    package init(_ user: User) {
        id = user.id ?? 0
        username = user.username
        role = user.role.rawValue
        disabled = user.disabled
        createdAt = user.createdAt
    }
}
