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
            try await target.change({ try await $0.pause($1, by: .commandLine()) },
                text: { "paused \($0.summary); next run \(CLIOutput.date($0.nextRunAt))" })
        }
    }
}
