import BackupAPIModels
import BackupCore
import BackupRepository
import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// `/api/users` (admins only): list, create, update and delete users. The last enabled admin can be
/// neither deleted, demoted nor disabled (409). A password change, disabling or demotion ends the
/// user's sessions; their API tokens stay (and act with the new role, or not at all while disabled).
struct UserController: Sendable {
    let store: StoreAccess
    let hasher: PasswordHasher

    /// The routes, to mount at `/api/users`.
    var routes: RouteCollection<APIRequestContext> {
        let routes = RouteCollection(context: APIRequestContext.self)
        routes.get(use: list)
        routes.post(use: create)
        routes.get(":id", use: show)
        routes.put(":id", use: update)
        routes.delete(":id", use: delete)
        return routes
    }

    /// `GET`: every user, by name.
    @Sendable func list(_ request: Request, context: APIRequestContext) async throws -> PageResponse<UserResponse> {
        try Self.requireAdmin(context)
        let users = try await store { store in try await store.users() }
        return PageResponse(items: users.map(UserResponse.init), nextCursor: nil)
    }

    /// `POST`: creates a user; `201` with it.
    @Sendable func create(_ request: Request, context: APIRequestContext) async throws -> EditedResponse<UserResponse> {
        try Self.requireAdmin(context)
        let input = try await request.decodeJSON(as: UserInput.self, context: context)
        let role = try Self.role(input.role)
        try Self.checkPassword(input.password)
        let user = User(username: input.username, passwordHash: try await hasher.hash(input.password), role: role)
        let created = try await store { store in try await store.createUser(user) }
        let id = created.id ?? 0
        try await store.audit(
            context, "user.create", target: "user", id: "\(id)", details: ["username": created.username, "role": role.rawValue])
        context.logger.info("user created", metadata: ["pgbm.user.id": "\(id)"])
        return EditedResponse(status: .created, headers: [.location: "/api/users/\(id)"], response: UserResponse(created))
    }

    /// `GET /{id}`: one user.
    @Sendable func show(_ request: Request, context: APIRequestContext) async throws -> UserResponse {
        try Self.requireAdmin(context)
        let id = try Self.id(context)
        return UserResponse(try await existing(id))
    }

    /// `PUT /{id}`: changes the role, `disabled` and/or the password (absent fields stay).
    @Sendable func update(_ request: Request, context: APIRequestContext) async throws -> UserResponse {
        try Self.requireAdmin(context)
        let id = try Self.id(context)
        let input = try await request.decodeJSON(as: UserUpdateInput.self, context: context)
        let role = try input.role.map(Self.role)
        if let password = input.password { try Self.checkPassword(password) }
        var user = try await existing(id)
        let before = user
        if let role { user.role = role }
        if let disabled = input.disabled { user.disabled = disabled }
        if let password = input.password { user.passwordHash = try await hasher.hash(password) }
        let endSessions = input.password != nil || (user.disabled && !before.disabled) || user.role != before.role
        let changed = user
        try await store { store in
            try await store.updateUserKeepingAnAdmin(changed)
            if endSessions { try await store.deleteSessions(userId: id) }
        }
        var details = ["username": user.username, "role": user.role.rawValue, "disabled": "\(user.disabled)"]
        if input.password != nil { details["password_changed"] = "true" }
        try await store.audit(context, "user.update", target: "user", id: "\(id)", details: details)
        context.logger.info("user updated", metadata: ["pgbm.user.id": "\(id)"])
        return UserResponse(user)
    }

    /// `DELETE /{id}`: deletes the user with their sessions and tokens; `204`.
    @Sendable func delete(_ request: Request, context: APIRequestContext) async throws -> HTTPResponse.Status {
        try Self.requireAdmin(context)
        let id = try Self.id(context)
        let user = try await existing(id)
        guard try await store({ store in try await store.deleteUserKeepingAnAdmin(id: id) }) else {
            throw APIError.notFound("user \(id) does not exist")
        }
        try await store.audit(context, "user.delete", target: "user", id: "\(id)", details: ["username": user.username])
        context.logger.info("user deleted", metadata: ["pgbm.user.id": "\(id)"])
        return .noContent
    }

    private func existing(_ id: Int64) async throws -> User {
        guard let user = try await store({ store in try await store.user(id: id) }) else {
            throw APIError.notFound("user \(id) does not exist")
        }
        return user
    }

    /// A 403 unless the caller is an admin (``AccessPolicy`` already refuses viewers; this keeps the
    /// controller safe if it is mounted elsewhere).
    static func requireAdmin(_ context: APIRequestContext) throws(APIError) {
        guard context.identity?.role == .admin else { throw .forbidden("only admins manage users") }
    }

    /// The role named `raw`; anything else is a 422 naming `role`.
    static func role(_ raw: String) throws(APIError) -> User.Role {
        guard let role = User.Role(rawValue: raw) else {
            throw .invalid(field: "role", "must be admin or viewer, got \"\(raw)\"")
        }
        return role
    }

    /// A 422 naming `password` when it breaks ``PasswordPolicy``.
    static func checkPassword(_ password: String) throws(APIError) {
        if let problem = PasswordPolicy.problem(with: password) { throw .invalid(field: "password", problem) }
    }

    /// The `{id}` of the path; one that is not a number names no user (404).
    static func id(_ context: APIRequestContext) throws(APIError) -> Int64 {
        try PathID.read(context, what: "user")
    }
}
