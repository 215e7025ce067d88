public import BackupRepository
public import Foundation

/// An API token as the API shows it: never its value (except `token` once, in the answer that created it).
public struct TokenResponse: Encodable, Sendable {
    public let id: Int64
    public let userId: Int64
    public let name: String
    public let createdAt: Date
    public let lastUsedAt: Date?
    public let expiresAt: Date?
    /// The token itself, only in the answer of `POST /api/tokens`.
    public let token: String?

    /// The response of `record`; `token` only when it was just created.
    public init(_ record: APIToken, token: String? = nil) {
        id = record.id ?? 0
        userId = record.userId
        name = record.name
        createdAt = record.createdAt
        lastUsedAt = record.lastUsedAt
        expiresAt = record.expiresAt
        self.token = token
    }
}
