import BackupAPIModels
import BackupCore
import BackupRepository
import Foundation
import Hummingbird

/// `/api/retention`: the preview of what a database's retention policy would delete.
struct RetentionController: Sendable {
    let backups: BackupService

    /// The routes, to mount at `/api/retention`.
    var routes: RouteCollection<APIRequestContext> {
        let routes = RouteCollection(context: APIRequestContext.self)
        routes.get("preview", use: preview)
        return routes
    }

    /// `GET /preview?database_id=&location=local|s3`: every copy with keep or delete and the reasons, as
    /// the pipeline would decide after a backup now (the same ``DatabaseRetention`` plan).
    @Sendable func preview(_ request: Request, context: APIRequestContext) async throws -> RetentionPreviewResponse {
        let query = QueryReader(request)
        guard let databaseId = try query.id("database_id") else { throw APIError.invalid(field: "database_id", "is required") }
        let location = try query.value("location", as: RetentionItem.Location.self)
        let (retention, plan) = try await backups.retentionPreview(databaseId: databaseId)
        let decisions = location.map { plan.decisions(in: $0) } ?? plan.decisions
        return RetentionPreviewResponse(databaseId: databaseId, retention: retention, decisions: decisions)
    }
}
