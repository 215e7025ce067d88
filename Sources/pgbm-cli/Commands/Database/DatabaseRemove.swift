import ArgumentParser
import BackupAPIModels
import BackupCore
import BackupRepository

extension Pgbm.DatabaseCommand {
    /// `db remove`: marks a database removed and disables its schedules; its backups and history stay.
    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Remove a database: its schedules are disabled; its backups, history and name stay.",
            discussion: "The name and slug stay reserved, since the backup files keep the slug.\n"
                + StoreCommandHelp.exitCodes)

        @OptionGroup var target: DatabaseTarget

        func run() async throws {
            try await CLIError.reporting {
                let (view, schedules) = try await target.withDatabase { manager, database in
                    let (entry, schedules) = try await manager.databases.delete(database.id ?? 0, by: .commandLine())
                    return (DatabaseResponse(entry), schedules)
                }
                try target.output.emit(view) {
                    "removed database \(view.id) \"\(view.name)\"; \(schedules) schedule(s) disabled"
                }
            }
        }
    }
}
