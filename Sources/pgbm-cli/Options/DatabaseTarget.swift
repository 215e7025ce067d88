import ArgumentParser
import BackupRepository
import PgbmOptions

/// What the commands on one database take: the shared options, the database reference and `--json`.
struct DatabaseTarget: ParsableArguments {
    @OptionGroup var shared: SharedOptions
    @Argument(help: "The database: its id, name or slug.") var reference: String
    @OptionGroup var output: OutputOptions

    /// Opens the store and finds the database; see ``DatabaseResolver``.
    func resolve() async throws -> (any ConfigurationStore, ConfiguredDatabase) {
        let store = try shared.openStore()
        return (store, try await DatabaseResolver.resolve(reference, in: store, field: "<database>"))
    }
}
