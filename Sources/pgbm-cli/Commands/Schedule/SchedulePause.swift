import ArgumentParser

extension Pgbm.ScheduleCommand {
    /// `schedule pause`: see ``ScheduleSwitch``.
    struct Pause: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Pause a schedule; its next run is cleared until it is resumed.",
            discussion: StoreCommandHelp.exitCodes)

        @OptionGroup var target: ScheduleTarget

        func run() async throws {
            try await CLIError.reporting { try await ScheduleSwitch.run(target, enabled: false) }
        }
    }
}
