public import Foundation

/// Users, sessions and API tokens (stored as hashes).
public protocol UserRepository: Sendable {
    func createUser(_ user: User) async throws -> User
    func updateUser(_ user: User) async throws
    func user(named username: String) async throws -> User?
    func user(id: Int64) async throws -> User?
    func users() async throws -> [User]
    func createSession(_ session: UserSession) async throws
    func session(tokenHash: String, now: Date) async throws -> UserSession?
    func deleteSession(tokenHash: String) async throws
    func createToken(_ token: APIToken) async throws -> APIToken
    func token(hash: String, now: Date) async throws -> APIToken?
    func tokens(userId: Int64) async throws -> [APIToken]
    func deleteToken(id: Int64) async throws
}
