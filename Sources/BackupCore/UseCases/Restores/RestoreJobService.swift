public import BackupRepository
import BackupStorage
import Logging

/// Restore jobs as people ask for them: check and start a restore, show, list and cancel jobs, record an
/// uploaded backup, and list what can be restored (the bucket's and the backup folder's backups). The
/// work of a job is ``RestoreService``'s; this owns the checks, the store calls and the audit events
/// (`restore.start`, `restore.cancel`, `restore.upload`), the same from the API's `/api/restore` and
/// `pgbm-cli restore`.
///
/// ```swift
/// let job = try await manager.restoreJobs.start(request, by: .commandLine())
/// let finished = await manager.restores.wait(jobId: job.id!)
/// ```
public struct RestoreJobService: UseCase {
    let store: any ConfigurationStore
    let restores: RestoreService
    let s3: S3Connector
    let logger: Logger

    /// Checks every field of a request (``RestoreRequest/validate()``) and that a configured target names a
    /// live database whose stored connection fields are valid, before anything is fetched, connected to or
    /// created (whether the server answers is found when the job runs).
    /// - Throws: `StoreError` `invalid` naming the field (`target.database_id` for the configured database).
    public func check(_ request: RestoreRequest) async throws {
        try request.validate()
        guard case .configured(let id) = request.target.server else { return }
        guard let configured = try await store.database(id: id), configured.deletedAt == nil else {
            throw StoreError(.invalid, "target.database_id: database \(id) does not exist", field: "target.database_id")
        }
        do {
            try configured.validate()
        } catch {
            throw StoreError.invalid(
                field: "target.database_id", "the stored \(error.field ?? "settings") of \(configured.name) \(error.reason): edit the database first")
        }
    }

    /// Checks the request (``check(_:)``) and starts its job as `caller`; audited as `restore.start` with the
    /// source's kind.
    /// - Returns: the queued job (``RestoreService/wait(jobId:)`` waits for its end).
    /// - Throws: `StoreError` `invalid` naming the field.
    public func start(_ request: RestoreRequest, by caller: Caller) async throws -> RestoreJob {
        try await check(request)
        let job = try await restores.start(request, requester: .init(kind: caller.kind, name: caller.name))
        let id = job.id ?? 0
        try await audit.record("restore.start", by: caller, target: "restore_job", id: "\(id)", details: ["source": .string(request.source.kind)])
        logger.info("restore started", metadata: ["pgbm.restore.id": "\(id)", "pgbm.restore.source": "\(request.source.kind)"])
        return job
    }

    /// One job.
    /// - Throws: `StoreError` `notFound`.
    public func job(_ id: Int64) async throws -> RestoreJob {
        guard let job = try await store.restoreJob(id: id) else { throw StoreError(.notFound, "restore job \(id) does not exist") }
        return job
    }

    /// Jobs newest first, one keyset page at a time.
    public func jobs(limit: Int, cursor: String? = nil) async throws -> Page<RestoreJob> {
        try await store.restoreJobs(limit: limit, cursor: cursor)
    }

    /// Asks job `id` to stop when this process runs it; audited as `restore.cancel` when asked.
    /// - Throws: `StoreError` `notFound`.
    public func cancel(_ id: Int64, by caller: Caller) async throws -> RestoreCancellation {
        let job = try await job(id)
        guard !job.state.isFinal else { return .ended(job.state) }
        guard await restores.cancel(jobId: id) else { return .elsewhere(holder: job.holder) }
        try await audit.record("restore.cancel", by: caller, target: "restore_job", id: "\(id)")
        logger.info("restore cancel requested", metadata: ["pgbm.restore.id": "\(id)"])
        return .requested
    }

    /// Records an uploaded backup file (kept in the scratch folder until a restore takes it); audited as
    /// `restore.upload` with its name, size and SHA-256.
    public func recordUpload(id: String, fileName: String, size: Int64, sha256: String, by caller: Caller) async throws {
        try await audit.record(
            "restore.upload", by: caller, target: "upload", id: id,
            details: ["file_name": .string(fileName), "size": .integer(Int(size)), "sha256": .string(sha256)])
        logger.info("backup uploaded", metadata: ["pgbm.upload.id": "\(id)", "pgbm.upload.size": "\(size)"])
    }

    /// The full key of an object of the configured bucket: the configured prefix is added when `key`
    /// does not start with it.
    public func objectKey(_ key: String) async throws -> String {
        let prefix = try await store.settings(S3Settings.self).prefix
        return prefix.isEmpty || key.hasPrefix(prefix + "/") ? key : prefix + "/" + key
    }

    /// Why the configured bucket cannot be used (S3 off, incomplete or invalid settings), or `nil`.
    public func bucketProblem() async throws -> String? {
        if case .unavailable(let problem) = try await bucket() { return problem }
        return nil
    }

    /// The backups in the configured bucket, read from their manifests, newest first.
    public func s3Backups() async throws -> S3BackupListing {
        let configured: S3Store
        switch try await bucket() {
        case .unavailable(let problem): return .unavailable(problem)
        case .ready(let ready): configured = ready
        }
        let installation = try await store.settings(GeneralSettings.self).installationId
        do {
            return .listed(try await BackupCatalog.list(bucket: configured), installationId: installation)
        } catch let error as StorageError {
            return .failed("the bucket cannot be listed: \(error.message)")
        }
    }

    /// The backups in the backup folder, newest first, with the folder and this installation's id.
    public func localBackups() async throws -> (entries: [BackupCatalog.Entry], directory: String, installationId: String) {
        let general = try await store.settings(GeneralSettings.self)
        return (BackupCatalog.list(directory: general.backupDirectory), general.backupDirectory, general.installationId)
    }

    /// The backup folder (a local restore's file must lie in it).
    public func backupDirectory() async throws -> String {
        try await store.settings(GeneralSettings.self).backupDirectory
    }

    enum Bucket {
        case ready(S3Store)
        case unavailable(String)
    }

    func bucket() async throws -> Bucket {
        let bucket: S3Store?
        do {
            bucket = try await s3.store(settings: store)
        } catch let error as BackupError where error.code.family == .backup {
            return .unavailable(error.message)
        } catch let error as StorageError {
            return .unavailable("the S3 settings are not usable: \(error.message)")
        }
        guard let bucket else { return .unavailable("S3 is not enabled: set the s3 settings first") }
        return .ready(bucket)
    }
}
