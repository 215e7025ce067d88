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
            try await target.change({ try await $0.resume($1, by: .commandLine()) },
                text: { "resumed \($0.summary); next run \(CLIOutput.date($0.nextRunAt))" })
        }
    }
}
