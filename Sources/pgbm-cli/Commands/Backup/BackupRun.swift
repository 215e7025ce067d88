import ArgumentParser
import AsyncHTTPClient
import BackupCore
import BackupRepository
import BackupStorage
import Foundation
import Logging
import PgbmOptions

extension Pgbm.BackupCommand {
    /// `backup run <db>`: the whole pipeline once, with a progress line on a terminal.
    struct BackupRun: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "run",
            abstract: "Back up a database now: pg_dump, zstd, encryption, verification, S3 upload, retention.",
            discussion: """
                Uses the stored settings (pgbm-cli settings show). Prints the run and exits 0 when the backup \
                succeeded (also when only the S3 upload failed: the local backup is kept and the message says \
                so), 2 when it failed or another process is backing the database up, 64 for a bad database \
                reference. A run this command left unfinished (killed) is marked failed ("interrupted") and its \
                partial file removed by the next backup of the database.
                """)

        @OptionGroup var target: DatabaseTarget

        func run() async throws {
            var finished: BackupRepository.BackupRun?
            try await CLIError.reporting {
                let (store, database) = try target.resolve()
                _ = try store.initializeInstallation(backupDirectory: target.shared.resolvedBackupDir)
                let logger = Logger(label: "pgbm.backup")
                let http = S3Client.makeHTTPClient()
                let notifier = Notifier(store: store, httpClient: http, logger: logger)
                let pipeline = NotifyingBackupWorker(
                    BackupPipeline(store: store, s3: S3Connector(httpClient: http, logger: logger), logger: logger), notifier: notifier)
                let holder = LeaseHolder.current(role: "cli")
                let progress = ProgressLine(store: store)
                var caught: (any Error)?
                do {
                    finished = try await ManualBackup(store: store, worker: pipeline, holder: holder, logger: logger)
                        .run(databaseId: database.id ?? 0) { job in progress.start(runId: job.runId) }
                } catch {
                    caught = error
                }
                await progress.stop()
                await notifier.drain()
                try? await http.shutdown()
                if let failure = caught as? BackupFailure { throw CLIFailure(failure.message, code: 2) }
                if let caught { throw caught }
                let run = finished!
                try target.output.emit(RunView(run)) { RunView(run).text }
            }
            if finished?.state != .succeeded { throw ExitCode(2) }
        }
    }
}

/// A run for people and scripts.
struct RunView: Encodable {
    let id: Int64?
    let databaseId: Int64
    let state: String
    let trigger: String
    let startedAt: Date?
    let finishedAt: Date?
    let sizeBytes: Int64?
    let checksum: String?
    let error: String?

    init(_ run: BackupRepository.BackupRun) {
        id = run.id
        databaseId = run.databaseId
        state = run.state.rawValue
        trigger = run.trigger.rawValue
        startedAt = run.startedAt
        finishedAt = run.finishedAt
        sizeBytes = run.sizeBytes
        checksum = run.checksum
        error = run.error
    }

    var text: String {
        var line = "run \(id ?? 0): \(state)"
        if let sizeBytes { line += ", \(ByteCountFormatter.string(fromByteCount: sizeBytes, countStyle: .binary))" }
        if let startedAt, let finishedAt { line += String(format: " in %.1f s", finishedAt.timeIntervalSince(startedAt)) }
        if let checksum { line += "\nsha256 \(checksum)" }
        if let error { line += "\n\(state == "succeeded" ? "note" : "error"): \(error)" }
        return line
    }
}
