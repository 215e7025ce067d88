import ArgumentParser
import BackupAPIModels
import BackupCore

extension Pgbm.ScheduleCommand {
    /// `schedule resume`: see ``ScheduleService``.
    struct Resume: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Resume a paused schedule from its next slot after now (paused slots are not made up).",
            discussion: StoreCommandHelp.exitCodes)

        @OptionGroup var target: ScheduleTarget

        func run() async throws {
            try await CLIError.reporting {
                let view = try await target.withSchedules { schedules in
                    ScheduleResponse(try await schedules.resume(target.id, by: .commandLine()))
                }
                try target.output.emit(view) { "resumed \(view.summary); next run \(CLIOutput.date(view.nextRunAt))" }
            }
        }
    }
}
