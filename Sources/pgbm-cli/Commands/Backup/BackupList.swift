import ArgumentParser
import BackupAPIModels
import BackupCore
import BackupRepository
import Foundation
import PgbmOptions

extension Pgbm.BackupCommand {
    /// `backup list`: the run history, newest first.
    struct BackupList: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List backup runs, newest first.")

        @OptionGroup var shared: SharedOptions
        @OptionGroup var output: OutputOptions
        @Option(help: "Only this database (id, name or slug).") var database: String?
        @Option(help: "Only runs in this state (queued, running, succeeded, failed, cancelled).") var state: String?
        @Option(help: "At most this many runs.") var limit = 50

        func run() async throws {
            try await CLIError.reporting {
                guard state == nil || BackupRepository.BackupRun.State(rawValue: state!) != nil else {
                    throw CLIFailure("--state: \"\(state!)\" is not one of queued, running, succeeded, failed, cancelled", code: 64)
                }
                let page = try await shared.withManager { manager in
                    let databaseId = try await database.asyncMap {
                        try await DatabaseResolver.resolve($0, in: manager.store, field: "--database").id ?? 0
                    }
                    let filter = RunFilter(databaseId: databaseId, state: state.flatMap(BackupRepository.BackupRun.State.init))
                    let runs = try await manager.backups.runs(filter, limit: max(1, min(limit, 1000)))
                    let now = Date()
                    return PageResponse(items: runs.items.map { BackupRunResponse($0, now: now) }, nextCursor: runs.nextCursor)
                }
                try output.emit(page) {
                    page.items.map { $0.text.replacingOccurrences(of: "\n", with: "  ") }.joined(separator: "\n")
                }
            }
        }
    }
}
