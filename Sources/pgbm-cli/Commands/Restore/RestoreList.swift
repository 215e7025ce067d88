import ArgumentParser
import BackupAPIModels
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
                // Opening the manager fails the jobs of dead processes and removes their scratch files.
                let jobs = try await shared.withManager(scratchDirectory: scratchDir, label: "pgbm.restore") { manager in
                    try await manager.restoreJobs.jobs(limit: limit)
                }
                let page = PageResponse(items: jobs.items.map(RestoreJobResponse.init), nextCursor: jobs.nextCursor)
                try output.emit(page) { page.items.map(\.text).joined(separator: "\n") }
            }
        }
    }
}
