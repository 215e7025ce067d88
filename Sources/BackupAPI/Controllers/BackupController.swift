import BackupAPIModels
import BackupCore
import BackupRepository
import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// `/api/backups`: backup runs (list, show with files and progress), run now, cancel, verify.
struct BackupController: Sendable {
    let store: StoreAccess
    let scheduler: Scheduler

    /// The routes, to mount at `/api/backups`.
    var routes: RouteCollection<APIRequestContext> {
        let routes = RouteCollection(context: APIRequestContext.self)
        routes.get(use: list)
        routes.get(":id", use: show)
        routes.post("run/:db_id", use: runNow)
        routes.post(":id/cancel", use: cancel)
        routes.post(":id/verify", use: verify)
        return routes
    }

    /// `GET`: runs newest first; filters `database_id`, `state`, `since`, `until` (queued time).
    @Sendable func list(_ request: Request, context: APIRequestContext) async throws -> PageResponse<BackupRunResponse> {
        let page = try PageQuery(request)
        let query = QueryReader(request)
        let filter = RunFilter(
            databaseId: try query.id("database_id"), state: try query.value("state", as: BackupRun.State.self),
            since: try query.date("since"), until: try query.date("until"))
        return try await store { store in
            let runs = try await store.runs(filter, limit: page.limit, cursor: page.cursor)
            let files = try await store.files(runIds: runs.items.compactMap(\.id))
            let databases = try await Self.databases(store)
            let now = Date()
            let items = runs.items.map { run in
                BackupRunResponse(run, database: databases[run.databaseId], files: files[run.id ?? 0] ?? [], detailed: nil, now: now)
            }
            return PageResponse(items: items, nextCursor: runs.nextCursor)
        }
    }

    /// `GET /{id}`: one run with its files and, while running, the bytes written so far.
    @Sendable func show(_ request: Request, context: APIRequestContext) async throws -> BackupRunResponse {
        let id = try PathID.read(context, what: "backup run")
        return try await store { store in
            let run = try await Self.run(id, in: store)
            let files = try await store.files(runId: id)
            let database = try await store.database(id: run.databaseId)
            let directory = try await store.settings(GeneralSettings.self).backupDirectory
            let detailed = files.map { file in
                BackupFileResponse(
                    file, slug: database?.slug, backupDirectory: directory,
                    onDisk: file.localPath.map { FileManager.default.fileExists(atPath: $0) } ?? false)
            }
            return BackupRunResponse(run, database: database, files: files, detailed: detailed, now: Date())
        }
    }

    /// `POST /run/{db_id}`: queues a backup through the scheduler (or joins the one queued or running);
    /// `202` with the run id and its `Location`.
    @Sendable func runNow(_ request: Request, context: APIRequestContext) async throws -> EditedResponse<RunAcceptedResponse> {
        let databaseId = try PathID.read(context, "db_id", what: "database")
        _ = try await store { store in try await DatabaseController.live(databaseId, in: store) }
        return try await Self.enqueue(
            databaseId: databaseId, scheduleId: nil, scheduler: scheduler, store: store, context: context)
    }

    /// `POST /{id}/cancel`: cancels a run queued or running in this server; `202`, or `409` when it ended.
    @Sendable func cancel(_ request: Request, context: APIRequestContext) async throws -> EditedResponse<RunAcceptedResponse> {
        let id = try PathID.read(context, what: "backup run")
        let run = try await store { store in try await Self.run(id, in: store) }
        guard !run.state.isFinal else {
            throw APIError(.conflict, code: .notRunning, message: "backup run \(id) is \(run.state.rawValue), not queued or running")
        }
        guard await scheduler.cancel(runId: id) else {
            throw APIError(
                .conflict, code: .notRunning,
                message: "backup run \(id) is \(run.state.rawValue) in another process (pgbm-cli); cancel it there")
        }
        try await store.audit(context, "backup.cancel", target: "backup_run", id: "\(id)", details: ["database_id": "\(run.databaseId)"])
        context.logger.info("backup cancel requested", metadata: ["pgbm.run.id": "\(id)"])
        let state = try await store { store in try await store.run(id: id)?.state.rawValue } ?? "cancelled"
        return EditedResponse(status: .accepted, response: RunAcceptedResponse(runId: id, state: state))
    }

    /// `POST /{id}/verify`: verifies the run's local file now (synchronously) and records the result;
    /// `200` with it, `409 no_local_file` when the run has none.
    @Sendable func verify(_ request: Request, context: APIRequestContext) async throws -> BackupFileVerifyResponse {
        let id = try PathID.read(context, what: "backup run")
        let file = try await store { store in
            _ = try await Self.run(id, in: store)
            return try await store.files(runId: id).last { file in file.localPath.map { FileManager.default.fileExists(atPath: $0) } ?? false }
        }
        guard let file else {
            throw APIError(.conflict, code: .noLocalFile, message: "backup run \(id) has no file on disk to verify")
        }
        let verification: BackupManifest.Verification
        do {
            verification = try await BackupVerifier(store: store.store, logger: context.logger).verify(file)
        } catch let failure as BackupError where failure.code.family == .backup {
            throw APIError(.conflict, code: .verificationUnavailable, message: failure.message)
        }
        try await store.audit(
            context, "backup.verify", target: "backup_run", id: "\(id)",
            outcome: verification.result == "failed" ? .failure : .success,
            details: ["file": file.fileName, "result": verification.result])
        return BackupFileVerifyResponse(
            runId: id, fileName: file.fileName, result: verification.result, message: verification.message,
            verifiedAt: verification.at)
    }

    /// Queues a run of `databaseId` (shared with `POST /api/schedules/{id}/run`), audits it, and answers `202`.
    static func enqueue(
        databaseId: Int64, scheduleId: Int64?, scheduler: Scheduler, store: StoreAccess, context: APIRequestContext
    ) async throws -> EditedResponse<RunAcceptedResponse> {
        let job = try await scheduler.runNow(databaseId: databaseId, scheduleId: scheduleId, trigger: .manual)
        let state = try await store { store in try await store.run(id: job.runId)?.state.rawValue } ?? "queued"
        var details = ["database_id": "\(databaseId)"]
        if let scheduleId { details["schedule_id"] = "\(scheduleId)" }
        try await store.audit(context, "backup.run", target: "backup_run", id: "\(job.runId)", details: details)
        context.logger.info("backup requested", metadata: ["pgbm.database.id": "\(databaseId)", "pgbm.run.id": "\(job.runId)"])
        return EditedResponse(
            status: .accepted, headers: [.location: "/api/backups/\(job.runId)"],
            response: RunAcceptedResponse(runId: job.runId, state: state))
    }

    static func run(_ id: Int64, in store: any ConfigurationStore) async throws -> BackupRun {
        guard let run = try await store.run(id: id) else { throw APIError.notFound("backup run \(id) does not exist") }
        return run
    }

    /// Every database, deleted ones included (runs of a deleted database keep its name), by id.
    static func databases(_ store: any ConfigurationStore) async throws -> [Int64: ConfiguredDatabase] {
        Dictionary(uniqueKeysWithValues: try await store.databases(includingDeleted: true).compactMap { db in db.id.map { ($0, db) } })
    }
}
