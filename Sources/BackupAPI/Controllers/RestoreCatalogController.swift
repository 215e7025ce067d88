import BackupAPIModels
import BackupCore
import BackupRepository
import Foundation
import Hummingbird
import Logging

/// `GET /api/restore/s3-backups` and `/local-backups`: what can be restored, read from the bucket's (or
/// backup folder's) manifests, newest first; `?database=` (slug or name), `limit`, `cursor`.
/// The listings are ``RestoreJobService``'s; this filters and pages them.
struct RestoreCatalogController: Sendable {
    let restoreJobs: RestoreJobService

    /// The routes, to mount at `/api/restore`.
    var routes: RouteCollection<APIRequestContext> {
        let routes = RouteCollection(context: APIRequestContext.self)
        routes.get("s3-backups", use: s3Backups)
        routes.get("local-backups", use: localBackups)
        return routes
    }

    /// `GET s3-backups`: the configured bucket's backups (409 `s3_not_configured` without S3).
    @Sendable func s3Backups(_ request: Request, context: APIRequestContext) async throws -> PageResponse<
        CatalogEntryResponse
    > {
        let query = try PageQuery(request)
        let entries: [BackupCatalog.Entry]
        let installation: String
        switch try await restoreJobs.s3Backups() {
        case .listed(let listed, let installationId): (entries, installation) = (listed, installationId)
        case .unavailable(let problem): throw Self.s3NotConfigured(problem)
        case .failed(let message): throw APIError(.badGateway, code: .s3Failed, message: message)
        }
        let database = request.uri.queryParameters.get("database")
        let views = entries.map { CatalogEntryResponse($0, file: nil, installationId: installation) }.filter {
            $0.matches(database: database)
        }
        return try CatalogEntryResponse.page(views, query: query)
    }

    /// `GET local-backups`: the backup folder's backups; `file` is relative to the folder.
    @Sendable func localBackups(_ request: Request, context: APIRequestContext) async throws -> PageResponse<
        CatalogEntryResponse
    > {
        let query = try PageQuery(request)
        let database = request.uri.queryParameters.get("database")
        let (entries, directory, installation) = try await restoreJobs.localBackups()
        let views = entries.map { entry in
            CatalogEntryResponse(entry, file: String(entry.key.dropFirst(directory.count + 1)), installationId: installation)
        }
        return try CatalogEntryResponse.page(views.filter { $0.matches(database: database) }, query: query)
    }

    /// The 409 `s3_not_configured` of a bucket that cannot be used.
    static func s3NotConfigured(_ problem: String) -> APIError {
        APIError(.conflict, code: .s3NotConfigured, message: problem)
    }
}
