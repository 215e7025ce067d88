import ArgumentParser
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
                let secrets = try store.secretNames()
                let views = try store.databases(includingDeleted: includeDeleted).map {
                    DatabaseView($0, secrets: secrets)
                }
                try output.emit(views) { Self.table(views) }
            }
        }

        static func table(_ views: [DatabaseView]) -> String {
            var table = TextTable(["ID", "NAME", "HOST", "DATABASE", "USER", "SSL", "PASSWORD"])
            for view in views {
                table.append([
                    "\(view.id)", view.name + (view.deletedAt == nil ? "" : " (removed)"), "\(view.host):\(view.port)",
                    view.database, view.user, view.sslMode, view.passwordSet ? "set" : "not set",
                ])
            }
            return table.rendered
        }
    }
}
