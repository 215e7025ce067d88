import BackupRepository
import Foundation
import Hummingbird

/// A user as the API shows it; the password hash never leaves the server.
struct UserResponse: ResponseEncodable, Sendable, Equatable {
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
