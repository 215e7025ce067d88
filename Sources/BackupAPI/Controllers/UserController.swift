import BackupAPIModels
import BackupCore
import BackupRepository
import Foundation
import HTTPTypes
import Hummingbird

/// `/api/users` (admins only): list, create, update and delete users. The last enabled admin can be
/// neither deleted, demoted nor disabled (409). A password change, disabling or demotion ends the
/// user's sessions; their API tokens stay (and act with the new role, or not at all while disabled).
/// The work is ``UserService``'s; this only translates HTTP.
struct UserController: Sendable {
    let users: UserService

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
        return PageResponse(items: try await users.list().map(UserResponse.init), nextCursor: nil)
    }

    /// `POST`: creates a user; `201` with it.
    @Sendable func create(_ request: Request, context: APIRequestContext) async throws -> EditedResponse<UserResponse> {
        try Self.requireAdmin(context)
        let input = try await request.decodeJSON(as: UserInput.self, context: context)
        let created = try await users.create(
            username: input.username, password: input.password, role: try UserService.role(input.role), by: context.caller)
        return EditedResponse(status: .created, headers: [.location: "/api/users/\(created.id ?? 0)"], response: UserResponse(created))
    }

    /// `GET /{id}`: one user.
    @Sendable func show(_ request: Request, context: APIRequestContext) async throws -> UserResponse {
        try Self.requireAdmin(context)
        return UserResponse(try await users.get(try Self.id(context)))
    }

    /// `PUT /{id}`: changes the role, `disabled` and/or the password (absent fields stay).
    @Sendable func update(_ request: Request, context: APIRequestContext) async throws -> UserResponse {
        try Self.requireAdmin(context)
        let id = try Self.id(context)
        let input = try await request.decodeJSON(as: UserUpdateInput.self, context: context)
        let change = UserChange(role: try input.role.map(UserService.role), disabled: input.disabled, password: input.password)
        return UserResponse(try await users.update(id, change, by: context.caller))
    }

    /// `DELETE /{id}`: deletes the user with their sessions and tokens; `204`.
    @Sendable func delete(_ request: Request, context: APIRequestContext) async throws -> HTTPResponse.Status {
        try Self.requireAdmin(context)
        try await users.delete(try Self.id(context), by: context.caller)
        return .noContent
    }

    /// A 403 unless the caller is an admin (``AccessPolicy`` already refuses viewers; this keeps the
    /// controller safe if it is mounted elsewhere).
    static func requireAdmin(_ context: APIRequestContext) throws(APIError) {
        guard context.identity?.role == .admin else { throw .forbidden("only admins manage users") }
    }

    /// The `{id}` of the path; one that is not a number names no user (404).
    static func id(_ context: APIRequestContext) throws(APIError) -> Int64 {
        try PathID.read(context, what: "user")
    }
}
