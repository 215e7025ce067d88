import ArgumentParser
import BackupAPIModels
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
                let store = try shared.openStore()
                let databaseId = try await database.asyncMap { try await DatabaseResolver.resolve($0, in: store).id ?? 0 }
                let databases = await Dictionary(
                    try store.databases(includingDeleted: true).map { ($0.id ?? 0, $0) },
                    uniquingKeysWith: { first, _ in first })
                let now = Date()
                let schedules = try await store.schedules(databaseId: databaseId).map {
                    ScheduleResponse($0, database: databases[$0.databaseId], now: now)
                }
                try output.emit(PageResponse(items: schedules, nextCursor: nil)) { ScheduleResponse.table(schedules) }
            }
        }
    }
}
