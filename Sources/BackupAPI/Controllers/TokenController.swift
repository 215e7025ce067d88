import BackupAPIModels
import BackupCore
import BackupRepository
import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// `/api/tokens`: the caller's API tokens (an admin may list everyone's with `?all=true` and revoke any).
/// A token acts with its user's role; its value is shown once, when it is created.
struct TokenController: Sendable {
    let store: StoreAccess

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
        let tokens = try await store { store in await all ? try store.allTokens() : try store.tokens(userId: identity.userId) }
        return PageResponse(items: tokens.map { TokenResponse($0) }, nextCursor: nil)
    }

    /// `POST`: creates a token for the caller; `201` with its value (`pgbm_…`), shown this once.
    @Sendable func create(_ request: Request, context: APIRequestContext) async throws -> EditedResponse<TokenResponse> {
        let identity = try Self.caller(context)
        let input = try await request.decodeJSON(as: TokenInput.self, context: context)
        let name = input.name.trimmingCharacters(in: .whitespaces)
        guard (1...100).contains(name.count) else { throw APIError.invalid(field: "name", "must be 1-100 characters") }
        if let expiresAt = input.expiresAt, expiresAt <= Date() {
            throw APIError.invalid(field: "expires_at", "must be in the future")
        }
        let value = TokenDigest.newToken(prefix: "pgbm_")
        let record = APIToken(userId: identity.userId, name: name, tokenHash: TokenDigest.digest(value), expiresAt: input.expiresAt)
        let created = try await store { store in try await store.createToken(record) }
        let id = created.id ?? 0
        try await store.audit(context, "token.create", target: "token", id: "\(id)", details: ["name": name, "user_id": "\(identity.userId)"])
        context.logger.info("API token created", metadata: ["pgbm.token.id": "\(id)", "pgbm.user.id": "\(identity.userId)"])
        return EditedResponse(status: .created, response: TokenResponse(created, token: value))
    }

    /// `DELETE /{id}`: revokes one of the caller's tokens (admins: any token); `204`.
    @Sendable func delete(_ request: Request, context: APIRequestContext) async throws -> HTTPResponse.Status {
        let identity = try Self.caller(context)
        let id = try PathID.read(context, what: "token")
        let token = try await store { store in try await store.token(id: id) }
        // Another user's token is reported as missing to a viewer, so ids do not reveal whose they are.
        guard let token, token.userId == identity.userId || identity.role == .admin else {
            throw APIError.notFound("token \(id) does not exist")
        }
        try await store { store in try await store.deleteToken(id: id) }
        try await store.audit(
            context, "token.revoke", target: "token", id: "\(id)", details: ["name": token.name, "user_id": "\(token.userId)"])
        context.logger.info("API token revoked", metadata: ["pgbm.token.id": "\(id)"])
        return .noContent
    }

    static func caller(_ context: APIRequestContext) throws(APIError) -> Identity {
        guard let identity = context.identity else { throw .unauthenticated() }
        return identity
    }
}
