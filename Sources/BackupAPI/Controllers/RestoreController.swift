import BackupAPIModels
import BackupCore
import BackupRepository
import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// `POST /api/restore/from-s3`, `from-local`, `from-upload` and `uploads`: start restore jobs (`202` with
/// the job id and `Location: /api/restore/status/{id}`) and receive uploaded backup files.
/// The checks, the store calls and the audit events are ``RestoreJobService``'s; this translates HTTP and
/// keeps the uploaded files.
struct RestoreController: Sendable {
    let restoreJobs: RestoreJobService
    let uploads: UploadStore

    init(services: APIServices) {
        restoreJobs = services.manager.restoreJobs
        uploads = UploadStore(dataDirectory: services.dataDirectory)
    }

    /// The routes, to mount at `/api/restore`.
    var routes: RouteCollection<APIRequestContext> {
        let routes = RouteCollection(context: APIRequestContext.self)
        routes.post("from-s3", use: fromS3)
        routes.post("from-local", use: fromLocal)
        routes.post("uploads", use: upload)
        routes.post("from-upload", use: fromUpload)
        return routes
    }

    // Each handler checks every field (`RestoreJobService.check`) before it looks at the source, so a bad
    // field is a 422 naming it whatever the state of the bucket, the folder or the upload.

    /// `POST from-s3`: `key` is an object of the configured bucket (as listed by `s3-backups`; the
    /// configured prefix is added when the key does not start with it).
    @Sendable func fromS3(_ request: Request, context: APIRequestContext) async throws -> EditedResponse<
        RestoreAcceptedResponse
    > {
        let input = try await request.decodeJSON(as: RestoreInput.self, context: context)
        guard let key = input.key, !key.isEmpty else { throw APIError.invalid(field: "key", "is required") }
        try await restoreJobs.check(try input.request(source: .s3(key: key)))
        guard !key.split(separator: "/").contains(".."), !key.hasPrefix("/") else {
            throw APIError.invalid(field: "key", "must be an object key of the bucket, without `..`")
        }
        if let problem = try await restoreJobs.bucketProblem() { throw RestoreCatalogController.s3NotConfigured(problem) }
        let restoreRequest = try input.request(source: .s3(key: try await restoreJobs.objectKey(key)))
        return try await start(restoreRequest, context: context)
    }

    /// `POST from-local`: `file` is a backup below the backup folder (`<slug>/<file>`, as listed by
    /// `local-backups`); a name leaving the folder is a 400, a missing file a 404.
    @Sendable func fromLocal(_ request: Request, context: APIRequestContext) async throws -> EditedResponse<
        RestoreAcceptedResponse
    > {
        let input = try await request.decodeJSON(as: RestoreInput.self, context: context)
        guard let file = input.file, !file.isEmpty else { throw APIError.invalid(field: "file", "is required") }
        try await restoreJobs.check(try input.request(source: .local(path: file)))
        let path = try BackupFolderPath.resolve(file, in: try await restoreJobs.backupDirectory())
        let restoreRequest = try input.request(source: .local(path: path))
        return try await start(restoreRequest, context: context)
    }

    /// `POST uploads?name=<file name>`: streams the body to the scratch folder; `201` with its id, size
    /// and SHA-256. The name (`app_20261126T020000Z.dump.zst.enc`) tells the restore its layers.
    @Sendable func upload(_ request: Request, context: APIRequestContext) async throws -> EditedResponse<UploadResponse>
    {
        guard let name = request.uri.queryParameters.get("name"), !name.isEmpty else {
            throw APIError.invalid(
                field: "name", "is required: the backup's file name, e.g. app_20261126T020000Z.dump.zst.enc")
        }
        try TextRule.shortText.check(name, field: "name")
        guard !name.contains("/"), !name.contains("\\"), name != ".", name != ".." else {
            throw APIError.invalid(field: "name", "must be a plain file name")
        }
        let upload = try await uploads.save(request.body, fileName: name)
        try await restoreJobs.recordUpload(
            id: upload.uploadId, fileName: name, size: upload.size, sha256: upload.sha256, by: context.caller)
        return EditedResponse(
            status: .created,
            response: UploadResponse(
                uploadId: upload.uploadId, fileName: name, size: upload.size, sha256: upload.sha256,
                expiresAt: upload.createdAt.addingTimeInterval(UploadStore.lifetime)))
    }

    /// `POST from-upload`: restores upload `upload_id` (404 when unknown, used or expired).
    @Sendable func fromUpload(_ request: Request, context: APIRequestContext) async throws -> EditedResponse<
        RestoreAcceptedResponse
    > {
        let input = try await request.decodeJSON(as: RestoreInput.self, context: context)
        guard let id = input.uploadId, !id.isEmpty else { throw APIError.invalid(field: "upload_id", "is required") }
        try TextRule.shortText.check(id, field: "upload_id")
        // Checked before the upload is taken, so a bad field leaves it for a corrected request.
        try await restoreJobs.check(try input.request(source: .upload(path: "/", fileName: "upload")))
        guard let upload = try await uploads.take(id) else {
            throw APIError.notFound("upload \(id) does not exist (or expired)")
        }
        let restoreRequest = try input.request(source: .upload(path: upload.path, fileName: upload.fileName))
        return try await start(restoreRequest, context: context)
    }

    /// Starts the job as the caller; `202` with its id and `Location`.
    private func start(_ request: RestoreRequest, context: APIRequestContext) async throws -> EditedResponse<
        RestoreAcceptedResponse
    > {
        let job = try await restoreJobs.start(request, by: context.caller)
        let id = job.id ?? 0
        return EditedResponse(
            status: .accepted, headers: [.location: "/api/restore/status/\(id)"],
            response: RestoreAcceptedResponse(jobId: id, state: job.state.rawValue))
    }
}
