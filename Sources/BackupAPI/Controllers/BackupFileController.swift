import BackupAPIModels
import BackupCore
import BackupRepository
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore

/// `/api/backups/files`: backup files with a local copy (list), download (streamed, `Range`), delete.
///
/// A `{name}` is resolved only through the store's file records, after a strict check of its shape
/// (``BackupFileName``); the real path (symbolic links resolved, ``BackupFolder``) must lie inside the
/// backup folder, for a download as for a delete. The listing and the deletion are ``BackupService``'s; the
/// download is HTTP's.
struct BackupFileController: Sendable {
    let backups: BackupService
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
        let files = try await backups.files(databaseId: databaseId, limit: page.limit, cursor: page.cursor)
        return PageResponse(items: files.items.map(BackupFileResponse.init), nextCursor: files.nextCursor)
    }

    /// `GET /{name}/download`: the file (or its `.json` manifest) streamed from disk; one `Range` → `206`.
    @Sendable func download(_ request: Request, context: APIRequestContext) async throws -> Response {
        let name = try BackupFileName(context.parameters.get("name") ?? "")
        let path = try await localPath(of: name)
        var status = stat()
        guard stat(path, &status) == 0 else { throw APIError.notFound("backup file \(name.requested) is not on disk") }
        let size = Int64(status.st_size)
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
        switch try await backups.deleteFile(named: name.fileName, scope: scope, force: force, by: context.caller) {
        case .deleted(let entry):
            return BackupFileResponse(entry)
        case .refused(.newestBackup(let message)):
            throw APIError(.conflict, code: .newestBackup, message: message)
        case .refused(.s3Refused(let message)):
            throw APIError(.conflict, code: .s3Refused, message: message)
        case .refused(.outsideBackupFolder(let message)):
            throw APIError(.conflict, code: .outsideBackupFolder, message: message)
        }
    }

    /// The real path of the requested file or manifest, known to the store and inside the backup folder
    /// (resolved by ``BackupFolder`` exactly as a delete resolves it).
    /// - Throws: 404 when there is no such file on disk; 409 `outside_backup_folder` when it leads out.
    func localPath(of name: BackupFileName) async throws -> String {
        guard let entry = try await backups.localFile(named: name.fileName) else {
            throw APIError.notFound("backup file \(name.requested) does not exist")
        }
        switch entry.resolveLocal(manifest: name.isManifest) {
        case .file(let real) where (real as NSString).lastPathComponent == name.requested:
            return real
        case .outside:
            throw APIError(
                .conflict, code: .outsideBackupFolder,
                message: "backup file \(name.requested) leads out of the backup folder (its path, or a symbolic link on it, "
                    + "points elsewhere); it is not served")
        default:
            throw APIError.notFound("backup file \(name.requested) is not on disk")
        }
    }

    /// Keeps `[A-Za-z0-9._-]` of a name for `Content-Disposition` (names are checked already; this is a
    /// second guard against quotes and line breaks).
    static func sanitized(_ name: String) -> String {
        String(name.unicodeScalars.filter { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "._-".unicodeScalars.contains($0)) }.map(Character.init))
    }
}
