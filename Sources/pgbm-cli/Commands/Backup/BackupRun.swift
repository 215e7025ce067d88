import ArgumentParser
import AsyncHTTPClient
import BackupAPIModels
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
            var succeeded = false
            try await CLIError.reporting {
                var caught: (any Error)?
                let response = try await target.shared.withManager(label: "pgbm.backup", writesBackups: true) { manager -> BackupRunResponse? in
                    let database = try await DatabaseResolver.resolve(target.reference, in: manager.store, field: "<database>")
                    let progress = ProgressLine(store: manager.store)
                    var run: BackupRepository.BackupRun?
                    do {
                        run = try await manager.backUpNow(databaseId: database.id ?? 0) { job in progress.start(runId: job.runId) }
                    } catch {
                        caught = error
                    }
                    await progress.stop()
                    return try await run.asyncMap { BackupRunResponse(try await manager.backups.run($0.id ?? 0)) }
                }
                if let failure = caught as? BackupError, failure.code.family == .backup { throw CLIFailure(failure.message, code: 2) }
                if let caught { throw caught }
                guard let response else { throw CLIFailure("the backup ended without a run record", code: 2) }
                succeeded = response.state == BackupRepository.BackupRun.State.succeeded.rawValue
                try target.output.emit(response) { response.text }
            }
            if !succeeded { throw ExitCode(2) }
        }
    }
}
