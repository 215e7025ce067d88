import ArgumentParser
import BackupCore
import BackupRepository
import PgbmOptions

/// What the commands on one database take: the shared options, the database reference and `--json`.
struct DatabaseTarget: ParsableArguments {
    @OptionGroup var shared: SharedOptions
    @Argument(help: "The database: its id, name or slug.") var reference: String
    @OptionGroup var output: OutputOptions

    /// Opens the manager and runs `body` with it and the database the reference names.
    func withDatabase<Value: Sendable>(
        _ body: (BackupManager, ConfiguredDatabase) async throws -> Value
    ) async throws -> Value {
        try await shared.withManager { manager in
            try await body(manager, try await DatabaseResolver.resolve(reference, in: manager.store, field: "<database>"))
        }
    }
}
