public import Foundation

/// Users, sessions and API tokens (stored as hashes).
public protocol UserRepository: Sendable {
    func createUser(_ user: User) throws -> User
    func updateUser(_ user: User) throws
    func user(named username: String) throws -> User?
    func user(id: Int64) throws -> User?
    func users() throws -> [User]
    func createSession(_ session: UserSession) throws
    func session(tokenHash: String, now: Date) throws -> UserSession?
    func deleteSession(tokenHash: String) throws
    func createToken(_ token: APIToken) throws -> APIToken
    func token(hash: String, now: Date) throws -> APIToken?
    func tokens(userId: Int64) throws -> [APIToken]
    func deleteToken(id: Int64) throws
}
