import BackupRepository
import Foundation

/// A user as `pgbm-cli user` prints it; never the password hash.
struct UserView: Encodable {
    let id: Int64
    let username: String
    let role: String
    let disabled: Bool
    let createdAt: Date

    init(_ user: User) {
        id = user.id ?? 0
        username = user.username
        role = user.role.rawValue
        disabled = user.disabled
        createdAt = user.createdAt
    }
}
