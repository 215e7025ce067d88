import ArgumentParser
import BackupAPIModels
import BackupCore
import BackupRepository
import Foundation
import PgbmOptions

extension Pgbm.ScheduleCommand {
    /// `schedule list`: the stored schedules, of one database or all.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the stored schedules with their next and last runs (UTC).",
            discussion: StoreCommandHelp.exitCodes)

        @OptionGroup var shared: SharedOptions
        @Option(help: "Only this database's schedules: its id, name or slug.") var database: String?
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await CLIError.reporting {
                let schedules = try await shared.withManager { manager in
                    let databaseId = try await database.asyncMap { try await DatabaseResolver.resolve($0, in: manager.store).id ?? 0 }
                    return try await manager.schedules.list(databaseId: databaseId).map { ScheduleResponse($0) }
                }
                try output.emit(PageResponse(items: schedules, nextCursor: nil)) { ScheduleResponse.table(schedules) }
            }
        }
    }
}
