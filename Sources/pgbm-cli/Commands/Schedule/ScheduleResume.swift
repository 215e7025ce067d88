import ArgumentParser

extension Pgbm.ScheduleCommand {
    /// `schedule resume`: see ``ScheduleSwitch``.
    struct Resume: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Resume a paused schedule from its next slot after now (paused slots are not made up).",
            discussion: StoreCommandHelp.exitCodes)

        @OptionGroup var target: ScheduleTarget

        func run() async throws {
            try await CLIError.reporting { try await ScheduleSwitch.run(target, enabled: true) }
        }
    }
}
