public import BackupRepository
public import Foundation
import Logging

/// API tokens: list, create and revoke. A token acts with its user's role; its value is handed out
/// once, when it is created, and only its digest is stored.
///
/// ```swift
/// let (token, value) = try await manager.tokens.create(name: "ci", expiresAt: nil, for: userId, by: caller)
/// ```
public struct TokenService: UseCase {
    let store: any ConfigurationStore
    let logger: Logger

    /// The tokens of user `userId` by id, or every user's when `userId` is `nil`.
    public func list(userId: Int64?) async throws -> [APIToken] {
        if let userId { return try await store.tokens(userId: userId) }
        return try await store.allTokens()
    }

    /// Creates a token for user `userId`; audited as `token.create`.
    /// - Returns: the stored token and its value (`pgbm_…`), which is never shown again.
    /// - Throws: `StoreError` `invalid` naming `name` (1-100 characters, no control character) or `expires_at` (in the past).
    public func create(
        name: String, expiresAt: Date?, for userId: Int64, by caller: Caller, now: Date = Date()
    ) async throws -> (token: APIToken, value: String) {
        let name = name.trimmingCharacters(in: .whitespaces)
        try TextRule.name.check(name, field: "name")
        guard (1...100).contains(name.count) else { throw StoreError(.invalid, "name: must be 1-100 characters", field: "name") }
        if let expiresAt, expiresAt <= now {
            throw StoreError(.invalid, "expires_at: must be in the future", field: "expires_at")
        }
        let value = TokenDigest.newToken(prefix: "pgbm_")
        let created = try await store.createToken(
            APIToken(userId: userId, name: name, tokenHash: TokenDigest.digest(value), expiresAt: expiresAt))
        let id = created.id ?? 0
        logger.info("API token created", metadata: ["pgbm.token.id": "\(id)", "pgbm.user.id": "\(userId)"])
        try await audit.record(
            "token.create", by: caller, target: "token", id: "\(id)",
            details: ["name": .string(name), "user_id": .integer(Int(userId))])
        return (created, value)
    }

    /// Revokes token `id`; audited as `token.revoke`. Only its owner or an admin may: another user's
    /// token is reported as missing, so ids do not reveal whose they are.
    /// - Parameters:
    ///   - id: The token to revoke.
    ///   - userId: The user asking.
    ///   - admin: Whether that user is an admin (who may revoke any token).
    ///   - caller: Who asks, for the audit log.
    /// - Throws: `StoreError` `notFound`.
    @discardableResult
    public func revoke(_ id: Int64, asUser userId: Int64, admin: Bool, by caller: Caller) async throws -> APIToken {
        guard let token = try await store.token(id: id), token.userId == userId || admin else {
            throw StoreError(.notFound, "token \(id) does not exist")
        }
        try await store.deleteToken(id: id)
        logger.info("API token revoked", metadata: ["pgbm.token.id": "\(id)"])
        try await audit.record(
            "token.revoke", by: caller, target: "token", id: "\(id)",
            details: ["name": .string(token.name), "user_id": .integer(Int(token.userId))])
        return token
    }
}
