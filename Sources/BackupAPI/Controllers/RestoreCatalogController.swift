import BackupAPIModels
import BackupCore
import BackupRepository
import BackupStorage
import Foundation
import Hummingbird
import Logging

/// `GET /api/restore/s3-backups` and `/local-backups`: what can be restored, read from the bucket's (or
/// backup folder's) manifests, newest first; `?database=` (slug or name), `limit`, `cursor`.
struct RestoreCatalogController: Sendable {
    let store: StoreAccess
    let services: APIServices

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
        let s3 = services.s3
        let (bucket, installation) = try await store { store in
            await (try Self.bucket(s3, store: store), try store.settings(GeneralSettings.self).installationId)
        }
        let entries: [BackupCatalog.Entry]
        do {
            entries = try await BackupCatalog.list(bucket: bucket)
        } catch let error as StorageError {
            throw APIError(.badGateway, code: .s3Failed, message: "the bucket cannot be listed: \(error.message)")
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
        let views = try await store { store in
            let general = try await store.settings(GeneralSettings.self)
            let directory = general.backupDirectory
            return BackupCatalog.list(directory: directory).map { entry in
                CatalogEntryResponse(
                    entry, file: String(entry.key.dropFirst(directory.count + 1)),
                    installationId: general.installationId)
            }
        }
        return try CatalogEntryResponse.page(views.filter { $0.matches(database: database) }, query: query)
    }

    /// The configured bucket; 409 when S3 is off, incomplete or invalid.
    static func bucket(_ s3: S3Connector, store: any ConfigurationStore) async throws -> S3Store {
        let bucket: S3Store?
        do {
            bucket = try await s3.store(settings: store)
        } catch let error as BackupError where error.code.family == .backup {
            throw APIError(.conflict, code: .s3NotConfigured, message: error.message)
        } catch let error as StorageError {
            throw APIError(
                .conflict, code: .s3NotConfigured, message: "the S3 settings are not usable: \(error.message)")
        }
        guard let bucket else {
            throw APIError(.conflict, code: .s3NotConfigured, message: "S3 is not enabled: set the s3 settings first")
        }
        return bucket
    }
}
