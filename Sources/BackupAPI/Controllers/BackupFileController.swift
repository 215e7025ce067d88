import BackupAPIModels
import BackupCore
import BackupRepository
import BackupStorage
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore

/// `/api/backups/files`: backup files with a local copy (list), download (streamed, `Range`), delete.
///
/// A `{name}` is resolved only through the store's file records, after a strict check of its shape
/// (``BackupFileName``); the real path (symbolic links resolved) must lie inside the backup folder.
struct BackupFileController: Sendable {
    let store: StoreAccess
    let s3: S3Connector
    let fileIO = FileIO()

    /// The routes, to mount at `/api/backups/files`.
    var routes: RouteCollection<APIRequestContext> {
        let routes = RouteCollection(context: APIRequestContext.self)
        routes.get(use: list)
        routes.get(":name/download", use: download)
        routes.delete(":name", use: delete)
        return routes
    }

    /// `GET`: files with a local copy, newest first, optionally of `database_id`.
    @Sendable func list(_ request: Request, context: APIRequestContext) async throws -> PageResponse<BackupFileResponse> {
        let page = try PageQuery(request)
        let databaseId = try QueryReader(request).id("database_id")
        return try await store { store in
            let files = try await store.localFiles(databaseId: databaseId, limit: page.limit, cursor: page.cursor)
            let databases = try await BackupController.databases(store)
            let directory = try await store.settings(GeneralSettings.self).backupDirectory
            let items = files.items.map { file in
                BackupFileResponse(
                    file, slug: databases[file.databaseId]?.slug, backupDirectory: directory,
                    onDisk: file.localPath.map { FileManager.default.fileExists(atPath: $0) } ?? false)
            }
            return PageResponse(items: items, nextCursor: files.nextCursor)
        }
    }

    /// `GET /{name}/download`: the file (or its `.json` manifest) streamed from disk; one `Range` → `206`.
    @Sendable func download(_ request: Request, context: APIRequestContext) async throws -> Response {
        let name = try BackupFileName(context.parameters.get("name") ?? "")
        let (path, size) = try await store { store in
            let path = try await Self.localPath(of: name, in: store)
            var status = stat()
            guard stat(path, &status) == 0 else { throw APIError.notFound("backup file \(name.requested) is not on disk") }
            return (path, Int64(status.st_size))
        }
        var headers: HTTPFields = [
            .contentType: name.isManifest ? "application/json" : "application/octet-stream",
            .contentDisposition: "attachment; filename=\"\(Self.sanitized(name.requested))\"",
            .acceptRanges: "bytes",
        ]
        switch ByteRange.resolve(request.headers[.range], size: size) {
        case .whole:
            headers[.contentLength] = "\(size)"
            let body = try await fileIO.loadFile(path: path, context: context)
            context.logger.info("backup file downloaded", metadata: ["pgbm.file.name": "\(name.requested)"])
            return Response(status: .ok, headers: headers, body: body)
        case .part(let range):
            headers[.contentLength] = "\(range.count)"
            headers[.contentRange] = "bytes \(range.lowerBound)-\(range.upperBound)/\(size)"
            let body = try await fileIO.loadFile(path: path, range: Int(range.lowerBound)...Int(range.upperBound), context: context)
            return Response(status: .partialContent, headers: headers, body: body)
        case .unsatisfiable:
            let error = APIError(.rangeNotSatisfiable, code: .rangeNotSatisfiable, message: "the file has \(size) bytes; the range asks for none of them")
            var response = try error.response(from: request, context: context)
            response.headers[.contentRange] = "bytes */\(size)"
            return response
        }
    }

    /// `DELETE /{name}`: deletes the local copy and its manifest (`scope=local`, default), the S3 object
    /// and its manifest (`scope=s3`, only one this installation wrote), or both (`scope=all`), and clears
    /// them from the record. The newest successful backup of its database needs `force=true`.
    @Sendable func delete(_ request: Request, context: APIRequestContext) async throws -> BackupFileResponse {
        let name = try BackupFileName(context.parameters.get("name") ?? "")
        guard !name.isManifest else {
            throw APIError(.badRequest, code: .invalidName, message: "delete the backup file; its manifest goes with it")
        }
        let query = QueryReader(request)
        let scope = try query.value("scope", as: DeletionScope.self) ?? .local
        let force = try query.bool("force")
        let (file, directory, installation) = try await store { store in
            guard let file = try await store.file(named: name.fileName) else { throw APIError.notFound("backup file \(name.fileName) does not exist") }
            let general = try await store.settings(GeneralSettings.self)
            return (file, general.backupDirectory, general.installationId)
        }
        let plan = try await store { store in try await FileDeletion.plan(file, scope: scope, force: force, store: store) }
        var updated = file
        if plan.s3, let key = file.s3Key {
            let bucket = try await FileDeletion.bucket(s3, store: store)
            try await FileDeletion.removeObject(key, installationId: installation, bucket: bucket)
            updated.s3Key = nil
        }
        if plan.local, let path = file.localPath {
            try FileDeletion.removeLocal(path, directory: directory)
            updated.localPath = nil
        }
        let final = updated
        try await store { store in try await store.updateFile(final) }
        try await store.audit(
            context, "backup_file.delete", target: "backup_file", id: "\(file.id ?? 0)",
            details: ["name": file.fileName, "scope": scope.rawValue, "force": "\(force)"])
        context.logger.info("backup file deleted", metadata: ["pgbm.file.name": "\(file.fileName)", "pgbm.scope": "\(scope.rawValue)"])
        let slug = try await store { store in try await store.database(id: file.databaseId)?.slug }
        return BackupFileResponse(final, slug: slug, backupDirectory: directory, onDisk: false)
    }

    /// The real path of the requested file or manifest, known to the store and inside the backup folder.
    static func localPath(of name: BackupFileName, in store: any ConfigurationStore) async throws -> String {
        guard let file = try await store.file(named: name.fileName), let path = file.localPath else {
            throw APIError.notFound("backup file \(name.requested) does not exist")
        }
        let directory = try await store.settings(GeneralSettings.self).backupDirectory
        let wanted = name.isManifest ? BackupManifest.name(forFile: path) : path
        guard let real = BackupFileName.confined(wanted, to: directory),
            (real as NSString).lastPathComponent == name.requested
        else {
            throw APIError.notFound("backup file \(name.requested) is not on disk")
        }
        return real
    }

    /// Keeps `[A-Za-z0-9._-]` of a name for `Content-Disposition` (names are checked already; this is a
    /// second guard against quotes and line breaks).
    static func sanitized(_ name: String) -> String {
        String(name.unicodeScalars.filter { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "._-".unicodeScalars.contains($0)) }.map(Character.init))
    }
}
