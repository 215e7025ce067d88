import ArgumentParser
import BackupAPIModels
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
                let store = try shared.openStore()
                let secrets = try await store.secretNames()
                let databases = try await store.databases(includingDeleted: includeDeleted).map {
                    DatabaseResponse($0, secrets: secrets)
                }
                try output.emit(PageResponse(items: databases, nextCursor: nil)) { DatabaseResponse.table(databases) }
            }
        }
    }
}
