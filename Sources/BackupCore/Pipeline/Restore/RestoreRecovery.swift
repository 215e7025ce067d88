public import BackupRepository
import BackupDump
public import Foundation
public import Logging

/// Cleanup after a process died during a restore: its unfinished jobs become `failed` ("interrupted"),
/// and its scratch files (`pgbm-restore-<job>-…`) and passfile folders (`pgbm-pass-<dead pid>-…`) are
/// removed.
///
/// A job is another live process's while its `RestoreJob/holder` names a process that still exists
/// (or one this host cannot judge, as ``LeaseHolder/isGoneLocalProcess(_:)`` decides), so a `pgbm-cli
/// restore` started beside a running server leaves the server's jobs alone.
public enum RestoreRecovery {
    /// The error of a job that a dead process left unfinished.
    public static let interruptedMessage = "interrupted: pgbm stopped while the restore was in progress"

    /// The prefix of job `jobId`'s scratch files.
    public static func filePrefix(jobId: Int64) -> String { "pgbm-restore-\(jobId)-" }

    /// Fails the unfinished jobs of dead processes (or every unfinished job when `all`, for a process
    /// that knows it is the only one) and removes their scratch files; returns the jobs failed.
    @discardableResult
    public static func recover(
        store: some RestoreJobRepository, scratchDirectory: String, all: Bool = false, now: Date = Date(), logger: Logger
    ) async -> [Int64] {
        var failed: [Int64] = []
        var removed = 0
        do {
            for var job in try await store.unfinishedRestoreJobs() {
                guard let id = job.id, all || job.holder.map(LeaseHolder.isGoneLocalProcess) ?? true else { continue }
                job.state = .failed
                job.error = interruptedMessage
                job.finishedAt = now
                try await store.updateRestoreJob(job)
                failed.append(id)
                // The folder the job recorded (a --scratch-dir of its own), and this one.
                let recorded = RestoreDetails.decode(job.details)?.scratchDirectory
                for folder in Set([scratchDirectory, recorded].compactMap { $0 }) {
                    removed += removeScratchFiles(jobId: id, in: folder)
                    RestoreRunner.removeStalePasswordFiles(in: folder)
                }
            }
        } catch {
            logger.error("cannot mark interrupted restores failed", metadata: ["error": "\(error)"])
        }
        RestoreRunner.removeStalePasswordFiles(in: scratchDirectory)
        if !failed.isEmpty {
            logger.warning(
                "recovered from interrupted restores",
                metadata: ["failed_restores": "\(failed.count)", "scratch_files_removed": "\(removed)"])
        }
        return failed
    }

    /// Removes job `jobId`'s scratch files (downloads, the expanded archive, `.partial` leftovers).
    @discardableResult
    static func removeScratchFiles(jobId: Int64, in folder: String) -> Int {
        let prefix = filePrefix(jobId: jobId)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { $0.hasPrefix(prefix) }.reduce(0) { count, name in
            (try? FileManager.default.removeItem(atPath: folder + "/" + name)) == nil ? count : count + 1
        }
    }
}
