import ArgumentParser
import BackupCore
import BackupRepository
import Foundation
import Logging
import PgbmOptions

extension Pgbm.RestoreCommand {
    /// `restore list`: the restore jobs, newest first.
    struct RestoreList: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "List restore jobs, newest first (jobs of processes that died are marked failed first).")

        @OptionGroup var shared: SharedOptions
        @Option(help: "Jobs to show.") var limit = 20
        @Option(name: .customLong("scratch-dir"), help: "The scratch folder whose leftovers to remove.") var scratchDir: String?
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await CLIError.reporting {
                let store = try shared.openStore()
                let scratch = try Pgbm.RestoreCommand.scratchDirectory(scratchDir, shared: shared, store: store)
                RestoreRecovery.recover(store: store, scratchDirectory: scratch, logger: Logger(label: "pgbm.restore"))
                let jobs = try store.restoreJobs(limit: limit, cursor: nil).items.map(RestoreJobView.init)
                try output.emit(jobs) { jobs.map(\.text).joined(separator: "\n") }
            }
        }
    }
}
