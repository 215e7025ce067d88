public import Foundation
import GRDB

extension SQLiteStore: UserRepository {
    public func createUser(_ user: User) async throws -> User {
        var user = user
        user.id = nil
        try User.validate(username: user.username)
        return try await write { [user] db in
            var user = user
            try user.insert(db)
            return user
        }
    }

    public func updateUser(_ user: User) async throws {
        try await write { db in try user.update(db) }
    }

    public func user(named username: String) async throws -> User? {
        try await read { db in try User.filter(Column("username") == username).fetchOne(db) }
    }

    public func user(id: Int64) async throws -> User? {
        try await read { db in try User.fetchOne(db, key: id) }
    }

    public func users() async throws -> [User] {
        try await read { db in try User.order(Column("username")).fetchAll(db) }
    }

    public func createSession(_ session: UserSession) async throws {
        try await write { db in
            var session = session
            try session.insert(db)
        }
    }

    public func session(tokenHash: String, now: Date) async throws -> UserSession? {
        try await read { db in
            try UserSession.filter(Column("token_hash") == tokenHash && Column("expires_at") > now).fetchOne(db)
        }
    }

    public func deleteSession(tokenHash: String) async throws {
        _ = try await write { db in try UserSession.filter(Column("token_hash") == tokenHash).deleteAll(db) }
    }

    public func createToken(_ token: APIToken) async throws -> APIToken {
        try await insertNew(token)
    }

    public func token(hash: String, now: Date) async throws -> APIToken? {
        try await read { db in
            try APIToken.filter(Column("token_hash") == hash && (Column("expires_at") == nil || Column("expires_at") > now)).fetchOne(db)
        }
    }

    /// The unexpired token with hash `hash` and its user, in one read (every token-authenticated request).
    public func tokenAndUser(hash: String, now: Date) async throws -> (token: APIToken, user: User)? {
        try await read { db in
            let tokens = try db.cachedStatement(sql: "SELECT * FROM api_token WHERE token_hash = ? AND (expires_at IS NULL OR expires_at > ?)")
            guard let token = try APIToken.fetchOne(tokens, arguments: [hash, now]) else { return nil }
            let users = try db.cachedStatement(sql: "SELECT * FROM user WHERE id = ?")
            return try User.fetchOne(users, arguments: [token.userId]).map { (token, $0) }
        }
    }

    /// The unexpired session with hash `tokenHash` and its user, in one read (every session-authenticated
    /// request).
    public func sessionAndUser(tokenHash: String, now: Date) async throws -> (session: UserSession, user: User)? {
        try await read { db in
            let sessions = try db.cachedStatement(sql: "SELECT * FROM user_session WHERE token_hash = ? AND expires_at > ?")
            guard let session = try UserSession.fetchOne(sessions, arguments: [tokenHash, now]) else { return nil }
            let users = try db.cachedStatement(sql: "SELECT * FROM user WHERE id = ?")
            return try User.fetchOne(users, arguments: [session.userId]).map { (session, $0) }
        }
    }

    public func tokens(userId: Int64) async throws -> [APIToken] {
        try await read { db in try APIToken.filter(Column("user_id") == userId).order(Column("id")).fetchAll(db) }
    }

    public func deleteToken(id: Int64) async throws {
        _ = try await write { db in try APIToken.deleteOne(db, key: id) }
    }
}
