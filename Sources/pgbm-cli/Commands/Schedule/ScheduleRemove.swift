import ArgumentParser
import BackupAPIModels
import BackupRepository

extension Pgbm.ScheduleCommand {
    /// `schedule remove`: deletes a stored schedule (the database and its backups stay).
    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Delete a stored schedule; the database and its backups stay.",
            discussion: StoreCommandHelp.exitCodes)

        @OptionGroup var target: ScheduleTarget

        func run() async throws {
            try await CLIError.reporting {
                let store = try target.shared.openStore()
                let view = try await ScheduleResponse(ScheduleLookup.schedule(target.id, in: store), in: store)
                try await store.deleteSchedule(id: view.id)
                try await CLIAudit(store: store).record(
                    "schedule.delete", target: "schedule", id: "\(view.id)",
                    details: try JSONValue(encoding: view).members)
                try target.output.emit(view) { "removed \(view.summary)" }
            }
        }
    }
}
