import ArgumentParser
import BackupAPIModels
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
                let (store, database) = try await target.resolve()
                let id = database.id ?? 0
                let schedules = try await store.schedules(databaseId: id).filter(\.enabled).count
                try await store.deleteDatabase(id: id)
                let view = try await DatabaseResponse(store.database(id: id) ?? database, in: store)
                try await CLIAudit(store: store).record(
                    "database.delete", target: "database", id: "\(id)",
                    details: ["name": .string(database.name), "schedules_disabled": .integer(schedules)])
                try target.output.emit(view) {
                    "removed database \(id) \"\(database.name)\"; \(schedules) schedule(s) disabled"
                }
            }
        }
    }
}
