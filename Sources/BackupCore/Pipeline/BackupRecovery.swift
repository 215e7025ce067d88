#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
public import BackupRepository
import BackupStorage
public import Foundation
public import Logging

/// Cleanup after a crash: runs left queued or running by a dead process become `failed`
/// ("interrupted"), and `.partial` files in the backup folder are removed.
///
/// Two scopes: ``recover(store:backupDirectory:now:logger:)`` cleans everything, at the start-up of a
/// process that is the only one making backups (the server, before its scheduler starts);
/// ``recover(databaseId:slug:currentRunId:store:backupDirectory:now:logger:)`` cleans one database, in the
/// backup pipeline while it holds that database's lease — which is how a `pgbm-cli backup run` restarted
/// after a `kill -9` cleans up without touching the runs of a server running beside it.
public enum BackupRecovery {
    /// The error of a run that a dead process left unfinished.
    public static let interruptedMessage = "interrupted: pgbm stopped while the run was in progress"

    /// What the cleanup did.
    public struct Report: Sendable, Equatable {
        public let interruptedRuns: Int
        public let interruptedRestores: Int
        public let partialFilesRemoved: Int
    }

    /// Marks interrupted work failed and removes partial files.
    public static func recover(
        store: some BackupRunRepository & RestoreJobRepository, backupDirectory: String, now: Date = Date(), logger: Logger
    ) async throws -> Report {
        let runs = try await store.failInterruptedRuns(at: now)
        let restores = try await store.failInterruptedRestoreJobs(at: now)
        let removed = (try? LocalDirectoryStore(root: backupDirectory).removePartialFiles()) ?? 0
        if runs + restores + removed > 0 {
            logger.warning(
                "recovered from an interrupted run",
                metadata: ["failed_runs": "\(runs)", "failed_restores": "\(restores)", "partial_files_removed": "\(removed)"])
        }
        return Report(interruptedRuns: runs, interruptedRestores: restores, partialFilesRemoved: removed)
    }

    /// Cleans up after an earlier run of one database that died: its other runs still `running` (and
    /// queued `cli` runs, which `pgbm-cli` starts at once) become `failed` ("interrupted"), and the
    /// `.partial` files in its folder `<backup dir>/<slug>` are removed (when that folder lies inside the
    /// backup folder, by its real path).
    ///
    /// Call it only while holding the database's lease: then no live process is backing it up, so what
    /// is left is a dead process's. Errors are logged, never thrown: cleanup must not stop the backup.
    @discardableResult
    public static func recover(
        databaseId: Int64, slug: String, currentRunId: Int64?, store: some BackupRunRepository, backupDirectory: String,
        now: Date = Date(), logger: Logger
    ) async -> Report {
        var runs = 0
        do {
            let running = try await store.runs(databaseId: databaseId, state: .running, limit: 1000, cursor: nil).items
            let queued = try await store.runs(databaseId: databaseId, state: .queued, limit: 1000, cursor: nil).items.filter { $0.trigger == .cli }
            for run in running + queued where run.id != currentRunId {
                guard let id = run.id else { continue }
                _ = try await store.transitionRun(id: id, to: .failed, at: now) { $0.error = interruptedMessage }
                runs += 1
            }
        } catch {
            logger.error("cannot mark interrupted runs failed", metadata: ["error": "\(error)"])
        }
        // Only a database folder inside the backup folder (``BackupFolder``): never one a link leads elsewhere.
        var removed = 0
        if case .folder(let folder) = BackupFolder(backupDirectory).resolve(relative: slug) {
            removed = removePartialFiles(in: folder, logger: logger)
        }
        if runs + removed > 0 {
            logger.warning(
                "cleaned up after an interrupted backup of this database",
                metadata: ["failed_runs": "\(runs)", "partial_files_removed": "\(removed)"])
        }
        return Report(interruptedRuns: runs, interruptedRestores: 0, partialFilesRemoved: removed)
    }

    /// Removes the regular `*.partial` files directly in `folder` (not following links); the count removed.
    static func removePartialFiles(in folder: String, logger: Logger) -> Int {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return 0 }
        var removed = 0
        for name in names where name.hasSuffix(".partial") {
            let path = folder + "/" + name
            // attributesOfItem does not follow symbolic links: only regular files are removed.
            let type = (try? FileManager.default.attributesOfItem(atPath: path))?[.type] as? FileAttributeType
            guard type == .typeRegular else { continue }
            if unlink(path) == 0 {
                removed += 1
            } else {
                logger.error("cannot remove a partial file", metadata: ["path": "\(path)", "error": "\(String(cString: strerror(errno)))"])
            }
        }
        return removed
    }
}
