import BackupAPIModels
import BackupCore
import BackupDump
import BackupRepository
import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// `/api/config/databases`: the PostgreSQL databases pgbm backs up (list, create, show, update, delete,
/// connection test). Passwords are write-only.
struct DatabaseController: Sendable {
    let store: StoreAccess
    let tester: ConnectionTester
    /// Told when a database is deleted (its schedules stop).
    let scheduler: Scheduler

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
        let (databases, secrets) = try await store { store in
            await (try store.databases(includingDeleted: false), Set(try store.secretNames()))
        }
        let page = try NamePaging.page(databases, query: query)
        return PageResponse(
            items: page.items.map { DatabaseResponse($0, passwordSet: secrets.contains(.databasePassword($0.id ?? 0))) },
            nextCursor: page.nextCursor)
    }

    /// `POST`: creates a database; `201` with it and its `Location`.
    @Sendable func create(_ request: Request, context: APIRequestContext) async throws -> EditedResponse<DatabaseResponse> {
        let input = try await request.decodeJSON(as: DatabaseInput.self, context: context)
        let database = try input.makeDatabase()
        let password = input.secret
        let created = try await store { store in try await store.createDatabase(database, password: password) }
        let id = created.id ?? 0
        context.logger.info("database created", metadata: ["pgbm.database.id": "\(id)", "pgbm.database.slug": "\(created.slug)"])
        try await store.audit(
            context, "database.create", target: "database", id: "\(id)",
            details: ["name": created.name, "slug": created.slug, "password_set": "\(password != nil)"])
        return EditedResponse(
            status: .created, headers: [.location: "/api/config/databases/\(id)"],
            response: DatabaseResponse(created, passwordSet: password != nil))
    }

    /// `GET /{id}`: one live database.
    @Sendable func show(_ request: Request, context: APIRequestContext) async throws -> DatabaseResponse {
        let id = try Self.id(context)
        return try await store { store in
            let database = try await Self.live(id, in: store)
            return await DatabaseResponse(database, passwordSet: try store.secretNames().contains(.databasePassword(id)))
        }
    }

    /// `PUT /{id}`: replaces the connection settings; no password keeps the stored one.
    @Sendable func update(_ request: Request, context: APIRequestContext) async throws -> DatabaseResponse {
        let id = try Self.id(context)
        let input = try await request.decodeJSON(as: DatabaseInput.self, context: context)
        let changes = try input.makeDatabase()
        let password = input.secret
        let updated = try await store { store in
            let stored = try await Self.live(id, in: store)
            var database = changes
            database.id = id
            database.retentionOverride = stored.retentionOverride
            let updated = try await store.updateDatabase(database, password: password)
            return await DatabaseResponse(updated, passwordSet: try store.secretNames().contains(.databasePassword(id)))
        }
        context.logger.info("database updated", metadata: ["pgbm.database.id": "\(id)"])
        try await store.audit(
            context, "database.update", target: "database", id: "\(id)",
            details: ["name": updated.name, "password_changed": "\(password != nil)"])
        return updated
    }

    /// `DELETE /{id}`: marks the database deleted (its history stays) and disables its schedules; `204`.
    @Sendable func delete(_ request: Request, context: APIRequestContext) async throws -> HTTPResponse.Status {
        let id = try Self.id(context)
        try await store { store in
            _ = try await Self.live(id, in: store)
            try await store.deleteDatabase(id: id)
        }
        context.logger.info("database deleted", metadata: ["pgbm.database.id": "\(id)"])
        try await store.audit(context, "database.delete", target: "database", id: "\(id)")
        await scheduler.schedulesDidChange()
        return .noContent
    }

    /// `POST /{id}/test`: connects with the stored settings; `200` with the server's version and the
    /// database's size, or `ok: false` and the reason.
    @Sendable func test(_ request: Request, context: APIRequestContext) async throws -> ConnectionTestResponse {
        let id = try Self.id(context)
        let settings = try await store { store in
            try await DatabaseConnection.settings(for: try Self.live(id, in: store), store: store)
        }
        do {
            return ConnectionTestResponse(try await tester.test(settings, logger: context.logger))
        } catch {
            context.logger.info(
                "connection test failed",
                metadata: ["pgbm.database.id": "\(id)", "pgbm.connection.error": "\(ConnectionTestResponse.code(of: error.code))"])
            return ConnectionTestResponse(error)
        }
    }

    /// The `{id}` of the path; one that is not a number names no database (404).
    static func id(_ context: APIRequestContext) throws(APIError) -> Int64 {
        try PathID.read(context, what: "database")
    }

    /// The database `id` unless it does not exist or was deleted (404).
    static func live(_ id: Int64, in store: any ConfigurationStore) async throws -> ConfiguredDatabase {
        guard let database = try await store.database(id: id), database.deletedAt == nil else {
            throw APIError.notFound("database \(id) does not exist")
        }
        return database
    }
}
