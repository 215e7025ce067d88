public import BackupRepository
import Logging

/// The people who may sign in: list, show, create, update (role, disabled, password) and delete. The
/// API's `/api/users` and `pgbm-cli user` both call it, so validation, the store calls and the audit event
/// are the same from either.
///
/// The last enabled admin can be neither deleted, demoted nor disabled (`StoreError` `conflict`). A
/// password change, disabling or demotion ends the user's sessions; their API tokens stay.
///
/// ```swift
/// let user = try await manager.users.create(username: "alice", password: "a long password", role: .admin, by: .commandLine())
/// ```
public struct UserService: UseCase {
    let store: any ConfigurationStore
    var hasher = PasswordHasher()
    let logger: Logger

    /// Every user, by name.
    public func list() async throws -> [User] {
        try await store.users()
    }

    /// One user.
    /// - Throws: `StoreError` `notFound`.
    public func get(_ id: Int64) async throws -> User {
        guard let user = try await store.user(id: id) else { throw StoreError(.notFound, "user \(id) does not exist") }
        return user
    }

    /// The user with login name `username`, or `nil`.
    public func named(_ username: String) async throws -> User? {
        try await store.user(named: username)
    }

    /// Validates and stores a new user with a bcrypt hash of `password`; audited as `user.create`.
    /// - Throws: `StoreError` `invalid` naming `password` (``PasswordPolicy``) or `username`; `conflict`
    ///   when the name is taken.
    public func create(username: String, password: String, role: User.Role, by caller: Caller) async throws -> User {
        try Self.checkNewUser(username: username, password: password)
        let created = try await store.createUser(User(username: username, passwordHash: try await hasher.hash(password), role: role))
        let id = created.id ?? 0
        logger.info("user created", metadata: ["pgbm.user.id": "\(id)"])
        try await audit.record(
            "user.create", by: caller, target: "user", id: "\(id)",
            details: ["username": .string(created.username), "role": .string(role.rawValue)])
        return created
    }

    /// Changes a user's role, `disabled` and/or password (`nil` keeps each); a password change, disabling
    /// or demotion ends their sessions. Audited as `user.update` with the user's name, role, `disabled`
    /// and whether the password changed (never the password or its hash).
    /// - Throws: `StoreError` `notFound`; `invalid` naming `password`; `conflict` for the last enabled admin.
    public func update(_ id: Int64, _ change: UserChange, by caller: Caller) async throws -> User {
        if let password = change.password { try Self.checkPassword(password) }
        let before = try await get(id)
        var user = before
        if let role = change.role { user.role = role }
        if let disabled = change.disabled { user.disabled = disabled }
        if let password = change.password { user.passwordHash = try await hasher.hash(password) }
        try await store.updateUserKeepingAnAdmin(user)
        if change.password != nil || (user.disabled && !before.disabled) || user.role != before.role {
            try await store.deleteSessions(userId: id)
        }
        logger.info("user updated", metadata: ["pgbm.user.id": "\(id)"])
        try await audit.record(
            "user.update", by: caller, target: "user", id: "\(id)",
            details: [
                "username": .string(user.username), "role": .string(user.role.rawValue), "disabled": .bool(user.disabled),
                "password_changed": .bool(change.password != nil),
            ])
        return user
    }

    /// Deletes a user with their sessions and API tokens; audited as `user.delete`.
    /// - Returns: the deleted user.
    /// - Throws: `StoreError` `notFound`; `conflict` for the last enabled admin.
    @discardableResult
    public func delete(_ id: Int64, by caller: Caller) async throws -> User {
        let user = try await get(id)
        guard try await store.deleteUserKeepingAnAdmin(id: id) else { throw StoreError(.notFound, "user \(id) does not exist") }
        logger.info("user deleted", metadata: ["pgbm.user.id": "\(id)"])
        try await audit.record("user.delete", by: caller, target: "user", id: "\(id)", details: ["username": .string(user.username)])
        return user
    }

    /// The role named `raw` (`admin` or `viewer`).
    /// - Throws: `StoreError` `invalid` naming `role`.
    public static func role(_ raw: String) throws -> User.Role {
        guard let role = User.Role(rawValue: raw) else {
            throw StoreError.invalid(field: "role", "must be admin or viewer, got \(TextRule.quote(raw))")
        }
        return role
    }

    /// Checks a new user's name (`User.validate(username:)`) and password, before anything is hashed or
    /// stored.
    /// - Throws: `StoreError` `invalid` naming `username` or `password`.
    public static func checkNewUser(username: String, password: String) throws {
        try User.validate(username: username)
        try checkPassword(password)
    }

    /// Checks `password` against ``PasswordPolicy``.
    /// - Throws: `StoreError` `invalid` naming `password`.
    public static func checkPassword(_ password: String) throws {
        if let problem = PasswordPolicy.problem(with: password) {
            throw StoreError(.invalid, "password: \(problem)", field: "password")
        }
    }
}
