import ArgumentParser
import BackupAPIModels
import BackupCore
import BackupRepository

extension Pgbm.DatabaseCommand {
    /// `db show`: one database's settings; says whether a password is set, never what it is.
    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show a database's settings (the password only as set or not set).",
            discussion: StoreCommandHelp.exitCodes)

        @OptionGroup var target: DatabaseTarget

        func run() async throws {
            try await CLIError.reporting {
                let view = try await target.withDatabase { manager, database in
                    DatabaseResponse(try await manager.databases.get(database.id ?? 0))
                }
                try target.output.emit(view) { view.lines.joined(separator: "\n") }
            }
        }
    }
}
