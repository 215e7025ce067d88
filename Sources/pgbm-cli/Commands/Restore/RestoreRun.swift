import ArgumentParser
import AsyncHTTPClient
import BackupAPIModels
import BackupCore
import BackupDump
import BackupRepository
import BackupStorage
import Foundation
import Logging
import PgbmOptions

extension Pgbm.RestoreCommand {
    /// `restore --from … --to …`: one restore job, run here, with a progress bar on a terminal.
    struct RestoreRun: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "run",
            abstract: "Restore a backup now (the default subcommand: `pgbm-cli restore --from … --to …`).",
            discussion: """
                --from is a local backup file, or an S3 key in the configured bucket (`s3:` in front forces S3; \
                the key may leave out the configured prefix). The file is checked against its manifest (SHA-256, \
                size) and its passphrase against its header before anything touches the target. The passphrase \
                is the stored one the manifest names, or --passphrase-file / PGBM_PASSPHRASE for a backup from \
                another installation. Exits 0 when the restore succeeded, 2 when it failed (the message says \
                why), 64 for bad options. A restore this command left unfinished (killed) is marked failed and \
                its scratch files removed by the next `pgbm-cli restore` command.
                """)

        @OptionGroup var shared: SharedOptions
        @Option(help: "The backup: a local file, or an S3 key (s3:<key>).") var from: String
        @OptionGroup var target: RestoreTargetOptions
        @Flag(help: "Drop the backup's objects before recreating them (with IF EXISTS).") var clean = false
        @Flag(name: .customLong("no-if-exists"), help: "With --clean, plain DROP instead of DROP … IF EXISTS.") var noIfExists = false
        @Flag(name: .customLong("no-owner"), help: "Do not restore object owners.") var noOwner = false
        @Flag(name: .customLong("no-privileges"), help: "Do not restore grants.") var noPrivileges = false
        @Option(help: "Parallel pg_restore jobs (above 1 expands the archive into the scratch folder first).") var jobs = 1
        @Flag(name: .customLong("count-rows"), help: "Count the rows of every restored table and record them on the job.") var countRows = false
        @Option(name: .customLong("passphrase-file"), help: "The passphrase for this restore (else PGBM_PASSPHRASE, else the stored one).")
        var passphraseFile: String?
        @Option(name: .customLong("scratch-dir"), help: "Folder for downloads and the expanded archive (default: setting backup.scratch_directory, else <data dir>/scratch).")
        var scratchDir: String?
        @OptionGroup var output: OutputOptions

        func validate() throws {
            guard (1...RestoreRequest.maximumJobs).contains(jobs) else {
                throw ValidationError("--jobs: must be between 1 and \(RestoreRequest.maximumJobs)")
            }
        }

        func run() async throws {
            var finished: RestoreJob?
            try await CLIError.reporting {
                let job: RestoreJob
                (job, finished) = try await shared.withManager(scratchDirectory: scratchDir, label: "pgbm.restore", writesBackups: true) { manager in
                    let store = manager.store
                    let request = await RestoreRequest(
                        source: try source(manager: manager), target: try target.target(store: store),
                        options: RestoreOptions(clean: clean, ifExists: !noIfExists, noOwner: noOwner, noPrivileges: noPrivileges, jobs: jobs),
                        passphrase: try passphrase(), countRows: countRows)
                    let job = try await manager.restoreJobs.start(request, by: .commandLine())
                    let bar = RestoreProgressBar(store: store, jobId: job.id ?? 0)
                    bar.start()
                    let finished = await Self.wait(for: job.id ?? 0, on: manager.restores)
                    await bar.stop()
                    return (job, finished)
                }
                let response = RestoreJobResponse(finished ?? job)
                try output.emit(response) { response.text }
            }
            if finished?.state != .succeeded { throw ExitCode(2) }
        }

        /// Waits for the job; SIGINT or SIGTERM (Ctrl-C) cancels it, so its `pg_restore` is stopped and its
        /// scratch files are removed before this process exits.
        static func wait(for jobId: Int64, on service: RestoreService) async -> RestoreJob? {
            let interrupts = InterruptFlag.install()
            let watcher = Task {
                while !Task.isCancelled {
                    try? await Task.sleep(for: .milliseconds(100))
                    if interrupts.raised {
                        _ = await service.cancel(jobId: jobId)
                        return
                    }
                }
            }
            let finished = await service.wait(jobId: jobId)
            watcher.cancel()
            return finished
        }

        /// `--from` as a source: `s3:<key>`, an existing file, else an S3 key (the configured prefix added
        /// when the key does not start with it).
        func source(manager: BackupManager) async throws -> RestoreSource {
            var key = from
            if from.hasPrefix("s3:") {
                key = String(from.dropFirst(3).drop { $0 == "/" })
            } else if FileManager.default.fileExists(atPath: from) {
                return .local(path: URL(fileURLWithPath: from).standardizedFileURL.path)
            }
            let s3 = try await manager.store.settings(S3Settings.self)
            guard !key.isEmpty else { throw CLIFailure("--from: no file or S3 key given", code: 64) }
            guard s3.enabled || from.hasPrefix("s3:") else {
                throw CLIFailure("--from: no file at \(from) (and S3 is not configured, so it is not an S3 key either)", code: 64)
            }
            return .s3(key: try await manager.restoreJobs.objectKey(key))
        }

        func passphrase() throws -> String? {
            if let passphraseFile { return try SecretFile.read(passphraseFile, option: "--passphrase-file", noun: "passphrase") }
            return ProcessInfo.processInfo.environment["PGBM_PASSPHRASE"].flatMap { $0.isEmpty ? nil : $0 }
        }
    }
}
