import BackupAPIModels
import BackupCore
import BackupRepository
import Foundation
import HTTPTypes
import Hummingbird

/// `/api/tokens`: the caller's API tokens (an admin may list everyone's with `?all=true` and revoke any).
/// A token acts with its user's role; its value is shown once, when it is created. The work is
/// ``TokenService``'s; this only translates HTTP.
struct TokenController: Sendable {
    let tokens: TokenService

    /// The routes, to mount at `/api/tokens`.
    var routes: RouteCollection<APIRequestContext> {
        let routes = RouteCollection(context: APIRequestContext.self)
        routes.get(use: list)
        routes.post(use: create)
        routes.delete(":id", use: delete)
        return routes
    }

    /// `GET`: the caller's tokens by id; `?all=true` (admins): every user's.
    @Sendable func list(_ request: Request, context: APIRequestContext) async throws -> PageResponse<TokenResponse> {
        let identity = try Self.caller(context)
        let all = request.uri.queryParameters.get("all") == "true"
        if all, identity.role != .admin { throw APIError.forbidden("only admins may list every user's tokens") }
        let listed = try await tokens.list(userId: all ? nil : identity.userId)
        return PageResponse(items: listed.map { TokenResponse($0) }, nextCursor: nil)
    }

    /// `POST`: creates a token for the caller; `201` with its value (`pgbm_…`), shown this once.
    @Sendable func create(_ request: Request, context: APIRequestContext) async throws -> EditedResponse<TokenResponse> {
        let identity = try Self.caller(context)
        let input = try await request.decodeJSON(as: TokenInput.self, context: context)
        let (created, value) = try await tokens.create(
            name: input.name, expiresAt: input.expiresAt, for: identity.userId, by: context.caller)
        return EditedResponse(status: .created, response: TokenResponse(created, token: value))
    }

    /// `DELETE /{id}`: revokes one of the caller's tokens (admins: any token); `204`.
    @Sendable func delete(_ request: Request, context: APIRequestContext) async throws -> HTTPResponse.Status {
        let identity = try Self.caller(context)
        let id = try PathID.read(context, what: "token")
        try await tokens.revoke(id, asUser: identity.userId, admin: identity.role == .admin, by: context.caller)
        return .noContent
    }

    static func caller(_ context: APIRequestContext) throws(APIError) -> Identity {
        guard let identity = context.identity else { throw .unauthenticated() }
        return identity
    }
}
