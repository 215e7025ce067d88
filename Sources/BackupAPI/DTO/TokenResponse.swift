import BackupRepository
import Foundation
import Hummingbird

/// An API token as the API shows it: never its value (except `token` once, in the answer that created it).
struct TokenResponse: ResponseEncodable, Sendable {
    let id: Int64
    let userId: Int64
    let name: String
    let createdAt: Date
    let lastUsedAt: Date?
    let expiresAt: Date?
    /// The token itself, only in the answer of `POST /api/tokens`.
    let token: String?

    init(_ record: APIToken, token: String? = nil) {
        id = record.id ?? 0
        userId = record.userId
        name = record.name
        createdAt = record.createdAt
        lastUsedAt = record.lastUsedAt
        expiresAt = record.expiresAt
        self.token = token
    }
}
