import BackupAPIModels
import BackupCore
import BackupRepository
import HTTPTypes
import Hummingbird

/// `/api/config/databases`: the PostgreSQL databases pgbm backs up (list, create, show, update, delete,
/// connection test). Passwords are write-only. The work is ``DatabaseService``'s; this only translates HTTP.
struct DatabaseController: Sendable {
    let databases: DatabaseService

    /// The routes, to mount at `/api/config/databases`.
    var routes: RouteCollection<APIRequestContext> {
        let routes = RouteCollection(context: APIRequestContext.self)
        routes.get(use: list)
        routes.post(use: create)
        routes.get(":id", use: show)
        routes.put(":id", use: update)
        routes.delete(":id", use: delete)
        routes.post(":id/test", use: test)
        return routes
    }

    /// `GET`: live databases by name, paginated by `limit` and `cursor`.
    @Sendable func list(_ request: Request, context: APIRequestContext) async throws -> PageResponse<DatabaseResponse> {
        let query = try PageQuery(request)
        let entries = try await databases.list()
        let page = try NamePaging.page(entries, name: \.database.name, query: query)
        return PageResponse(items: page.items.map(DatabaseResponse.init), nextCursor: page.nextCursor)
    }

    /// `POST`: creates a database; `201` with it and its `Location`.
    @Sendable func create(_ request: Request, context: APIRequestContext) async throws -> EditedResponse<DatabaseResponse> {
        let input = try await request.decodeJSON(as: DatabaseInput.self, context: context)
        let created = try await databases.create(try input.makeDatabase(), password: input.secret, by: context.caller)
        return EditedResponse(
            status: .created, headers: [.location: "/api/config/databases/\(created.id)"], response: DatabaseResponse(created))
    }

    /// `GET /{id}`: one live database.
    @Sendable func show(_ request: Request, context: APIRequestContext) async throws -> DatabaseResponse {
        DatabaseResponse(try await databases.get(try Self.id(context)))
    }

    /// `PUT /{id}`: replaces the connection settings; no password keeps the stored one.
    @Sendable func update(_ request: Request, context: APIRequestContext) async throws -> DatabaseResponse {
        let id = try Self.id(context)
        let input = try await request.decodeJSON(as: DatabaseInput.self, context: context)
        let changes = try input.makeDatabase()
        let updated = try await databases.update(id, password: PasswordChange(input.secret), by: context.caller) { database in
            let override = database.retentionOverride
            database = changes
            database.retentionOverride = override
        }
        return DatabaseResponse(updated)
    }

    /// `DELETE /{id}`: marks the database deleted (its history stays) and disables its schedules; `204`.
    @Sendable func delete(_ request: Request, context: APIRequestContext) async throws -> HTTPResponse.Status {
        try await databases.delete(try Self.id(context), by: context.caller)
        return .noContent
    }

    /// `POST /{id}/test`: connects with the stored settings; `200` with the server's version and the
    /// database's size, or `ok: false` and the reason.
    @Sendable func test(_ request: Request, context: APIRequestContext) async throws -> ConnectionTestResponse {
        ConnectionTestResponse(try await databases.testConnection(try Self.id(context)))
    }

    /// The `{id}` of the path; one that is not a number names no database (404).
    static func id(_ context: APIRequestContext) throws(APIError) -> Int64 {
        try PathID.read(context, what: "database")
    }
}
