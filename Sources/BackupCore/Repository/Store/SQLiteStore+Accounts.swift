public import Foundation
import GRDB

/// Account changes that must be checked and written in one transaction (the first user, the last
/// enabled admin), token bookkeeping, and ending a user's sessions.
extension SQLiteStore {
    /// Creates `user` only when the store has no user at all (the setup of a new installation).
    ///
    /// - Returns: the created user, or `nil` when a user already exists (nothing is written).
    public func createFirstUser(_ user: User) async throws -> User? {
        var user = user
        user.id = nil
        try User.validate(username: user.username)
        return try await write { [user] db in
            var user = user
            guard try User.fetchCount(db) == 0 else { return nil }
            try user.insert(db)
            return user
        }
    }

    /// Saves `user`; refused with a conflict when no enabled admin would be left.
    public func updateUserKeepingAnAdmin(_ user: User) async throws {
        try await write { db in
            try user.update(db)
            try Self.requireEnabledAdmin(db)
        }
    }

    /// Deletes user `id` with its sessions and tokens; refused with a conflict when no enabled admin
    /// would be left.
    ///
    /// - Returns: whether the user existed.
    public func deleteUserKeepingAnAdmin(id: Int64) async throws -> Bool {
        try await write { db in
            guard try User.deleteOne(db, key: id) else { return false }
            try Self.requireEnabledAdmin(db)
            return true
        }
    }

    /// Ends every session of user `userId` (after a password change, disabling, demotion).
    public func deleteSessions(userId: Int64) async throws {
        _ = try await write { db in try UserSession.filter(Column("user_id") == userId).deleteAll(db) }
    }

    /// Removes the sessions that expired before `now`; returns how many.
    @discardableResult
    public func deleteExpiredSessions(now: Date) async throws -> Int {
        try await write { db in try UserSession.filter(Column("expires_at") <= now).deleteAll(db) }
    }

    /// Records that token `id` was used at `date`.
    public func touchToken(id: Int64, at date: Date) async throws {
        try await write { db in
            try db.execute(sql: "UPDATE api_token SET last_used_at = ? WHERE id = ?", arguments: [date, id])
        }
    }

    /// Every API token of every user, by id.
    public func allTokens() async throws -> [APIToken] {
        try await read { db in try APIToken.order(Column("id")).fetchAll(db) }
    }

    /// API token `id`, expired or not.
    public func token(id: Int64) async throws -> APIToken? {
        try await read { db in try APIToken.fetchOne(db, key: id) }
    }

    private static func requireEnabledAdmin(_ db: Database) throws {
        let admins = try User.filter(Column("role") == User.Role.admin.rawValue && Column("disabled") == false).fetchCount(db)
        guard admins > 0 else {
            throw StoreError(.conflict, "the last enabled admin cannot be deleted, demoted or disabled")
        }
    }
}
