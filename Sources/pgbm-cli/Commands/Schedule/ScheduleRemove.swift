import ArgumentParser
import BackupAPIModels
import BackupCore
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
                let view = try await target.withSchedules { schedules in
                    ScheduleResponse(try await schedules.delete(target.id, by: .commandLine()))
                }
                try target.output.emit(view) { "removed \(view.summary)" }
            }
        }
    }
}
