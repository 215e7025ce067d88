import ArgumentParser
import BackupAPIModels
import BackupCore

extension Pgbm.ScheduleCommand {
    /// `schedule pause`: see ``ScheduleService``.
    struct Pause: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Pause a schedule; its next run is cleared until it is resumed.",
            discussion: StoreCommandHelp.exitCodes)

        @OptionGroup var target: ScheduleTarget

        func run() async throws {
            try await CLIError.reporting {
                let view = try await target.withSchedules { schedules in
                    ScheduleResponse(try await schedules.pause(target.id, by: .commandLine()))
                }
                try target.output.emit(view) { "paused \(view.summary); next run \(CLIOutput.date(view.nextRunAt))" }
            }
        }
    }
}
