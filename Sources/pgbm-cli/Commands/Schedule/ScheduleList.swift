import ArgumentParser
import BackupRepository
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
                let databaseId = try database.map { try DatabaseResolver.resolve($0, in: store).id ?? 0 }
                let names = Dictionary(
                    try store.databases(includingDeleted: true).map { ($0.id ?? 0, $0.name) },
                    uniquingKeysWith: { first, _ in first })
                let views = try store.schedules(databaseId: databaseId).map {
                    ScheduleView($0, databaseName: names[$0.databaseId] ?? "-")
                }
                try output.emit(views) { ScheduleView.table(views) }
            }
        }
    }
}
