import ArgumentParser
import BackupAPIModels
import BackupCore
import BackupRepository
import PgbmOptions

extension Pgbm.DatabaseCommand {
    /// `db list`: every database, by name.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the databases, by name.", discussion: StoreCommandHelp.exitCodes)

        @OptionGroup var shared: SharedOptions
        @Flag(name: .customLong("include-deleted"), help: "Also list removed databases.") var includeDeleted = false
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await CLIError.reporting {
                let databases = try await shared.withManager { manager in
                    try await manager.databases.list(includingDeleted: includeDeleted).map(DatabaseResponse.init)
                }
                try output.emit(PageResponse(items: databases, nextCursor: nil)) { DatabaseResponse.table(databases) }
            }
        }
    }
}
