import ArgumentParser
import BackupAPIModels
import BackupCore
import BackupRepository
import PgbmOptions

extension Pgbm.DatabaseCommand {
    /// `db add`: stores a new database, with its password when a source gives one.
    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a database to back up.",
            discussion: StoreCommandHelp.passwordSources
                + " With none of them the database is stored without a password.\n"
                + StoreCommandHelp.exitCodes)

        @OptionGroup var shared: SharedOptions
        @Option(help: "Unique display name; the slug made from it names the backup files and never changes.")
        var name: String
        @Option(help: "Server host name or address.") var host: String
        @Option(help: "Database name on the server.") var database: String
        @Option(help: "User that pg_dump connects as.") var user: String
        @OptionGroup var settings: DatabaseOptions
        @OptionGroup var password: PasswordOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await CLIError.reporting {
                var record = ConfiguredDatabase(name: name, host: host, database: database, user: user)
                try settings.apply(to: &record)
                try record.validate()
                let secret = try password.read()
                let view = try await shared.withManager { manager in
                    DatabaseResponse(try await manager.databases.create(record, password: secret, by: .commandLine()))
                }
                try output.emit(view) {
                    let password = view.passwordSet ? "set" : "not set"
                    return "added database \(view.id) \"\(view.name)\" (slug \(view.slug)); password \(password)"
                }
            }
        }
    }
}
