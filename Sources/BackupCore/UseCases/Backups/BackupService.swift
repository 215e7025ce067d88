public import BackupRepository
import Foundation
import Logging

/// Backup runs, backup files and the retention preview: list and show runs, run now, cancel, verify;
/// list and delete files; preview what retention keeps. The API's `/api/backups` and `/api/retention`
/// and `pgbm-cli backup list` and `retention preview` call it, so the store calls and the audit events
/// are the same from either. (`pgbm-cli backup run` runs in its own process through
/// ``BackupManager/backUpNow(databaseId:trigger:started:)``.)
///
/// ```swift
/// let page = try await manager.backups.runs(RunFilter(databaseId: 1), limit: 20)
/// let queued = try await manager.backups.runNow(databaseId: 1, by: .system("api"))
/// ```
public struct BackupService: UseCase {
    let store: any ConfigurationStore
    let scheduler: Scheduler
    let s3: S3Connector
    let logger: Logger

    /// Runs newest first, filtered, one keyset page at a time, each with its database and files.
    public func runs(_ filter: RunFilter, limit: Int, cursor: String? = nil) async throws -> Page<BackupRunEntry> {
        let page = try await store.runPage(filter, limit: limit, cursor: cursor)
        let items = page.runs.items.map { run in
            BackupRunEntry(run, database: page.databases[run.databaseId], files: page.files[run.id ?? 0] ?? [])
        }
        return Page(items: items, nextCursor: page.runs.nextCursor)
    }

    /// One run with its files, each checked on disk.
    /// - Throws: `StoreError` `notFound`.
    public func run(_ id: Int64) async throws -> BackupRunEntry {
        let run = try await existingRun(id)
        let files = try await store.files(runId: id)
        let database = try await store.database(id: run.databaseId)
        let directory = try await store.settings(GeneralSettings.self).backupDirectory
        let detailed = files.map { BackupFileEntry(checking: $0, slug: database?.slug, backupDirectory: directory) }
        return BackupRunEntry(run, database: database, files: files, detailed: detailed)
    }

    /// Queues a backup of a live database through the scheduler (or joins the one queued or running);
    /// audited as `backup.run` with the database and, when a schedule's run-now asked, the schedule.
    /// - Returns: the run's id and its state now (`queued` or `running`).
    /// - Throws: `StoreError` `notFound` when the database does not exist or was deleted.
    public func runNow(databaseId: Int64, scheduleId: Int64? = nil, by caller: Caller) async throws -> (runId: Int64, state: String) {
        _ = try await store.liveDatabase(databaseId)
        let job = try await scheduler.runNow(databaseId: databaseId, scheduleId: scheduleId, trigger: .manual)
        let state = try await store.run(id: job.runId)?.state.rawValue ?? "queued"
        var details: [String: JSONValue] = ["database_id": .integer(Int(databaseId))]
        if let scheduleId { details["schedule_id"] = .integer(Int(scheduleId)) }
        try await audit.record("backup.run", by: caller, target: "backup_run", id: "\(job.runId)", details: details)
        logger.info("backup requested", metadata: ["pgbm.database.id": "\(databaseId)", "pgbm.run.id": "\(job.runId)"])
        return (job.runId, state)
    }

    /// Asks run `id` to stop when this process runs it; audited as `backup.cancel` when asked.
    /// - Throws: `StoreError` `notFound`.
    public func cancel(_ id: Int64, by caller: Caller) async throws -> RunCancellation {
        let run = try await existingRun(id)
        guard !run.state.isFinal else { return .ended(run.state) }
        guard await scheduler.cancel(runId: id) else { return .elsewhere(run.state) }
        try await audit.record(
            "backup.cancel", by: caller, target: "backup_run", id: "\(id)", details: ["database_id": .integer(Int(run.databaseId))])
        logger.info("backup cancel requested", metadata: ["pgbm.run.id": "\(id)"])
        return .requested(state: try await store.run(id: id)?.state.rawValue ?? "cancelled")
    }

    /// Verifies the run's newest local file now and records the result on it; audited as `backup.verify`
    /// (outcome `failure` when the file fails) with the file's name and the result.
    /// - Throws: `StoreError` `notFound`.
    public func verify(_ id: Int64, by caller: Caller) async throws -> RunVerification {
        _ = try await existingRun(id)
        let folder = BackupFolder(try await store.settings(GeneralSettings.self).backupDirectory)
        let onDisk = try await store.files(runId: id).last { file in
            guard let path = file.localPath, case .file = folder.resolve(path: path) else { return false }
            return true
        }
        guard let file = onDisk else { return .noLocalFile }
        let verification: BackupManifest.Verification
        do {
            verification = try await BackupVerifier(store: store, logger: logger).verify(file)
        } catch let failure as BackupError where failure.code.family == .backup {
            return .unavailable(failure.message)
        }
        try await audit.record(
            "backup.verify", by: caller, target: "backup_run", id: "\(id)", outcome: verification.result == "failed" ? .failure : .success,
            details: ["file": .string(file.fileName), "result": .string(verification.result)])
        return .verified(file: file, verification)
    }

    /// The run `id`.
    func existingRun(_ id: Int64) async throws -> BackupRun {
        guard let run = try await store.run(id: id) else { throw StoreError(.notFound, "backup run \(id) does not exist") }
        return run
    }
}
