import ArgumentParser

extension Pgbm {
    /// `pgbm-cli schedule`: cron schedules, previewed or stored in the configuration store.
    struct ScheduleCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "schedule",
            abstract: "Cron schedules: preview an expression; add, list, pause, resume and remove stored schedules.",
            discussion: "Expressions and zones are explained in Docs/SCHEDULES.md.\n" + StoreCommandHelp.exitCodes,
            subcommands: [Preview.self, Add.self, List.self, Next.self, Pause.self, Resume.self, Remove.self])
    }
}
