import ArgumentParser
import BackupAPIModels
import BackupCore
import BackupCron
import BackupRepository
import PgbmOptions

extension Pgbm.ScheduleCommand {
    /// `schedule add`: stores a schedule for a database, with its next run.
    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a cron schedule to a database; it starts enabled.",
            discussion: """
                An invalid expression or zone is refused with the field, column and expected value; nothing is \
                stored. The next run is stored with the schedule.
                """ + "\n" + StoreCommandHelp.exitCodes)

        @OptionGroup var shared: SharedOptions
        @Option(help: "The database: its id, name or slug.") var database: String
        @Option(help: "Five-field cron expression or preset, e.g. \"30 2 * * *\" or @daily.") var cron: String
        @Option(help: "IANA time zone the expression is read in.") var timezone = "UTC"
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await CLIError.reporting {
                let view = try await shared.withManager { manager in
                    let target = try await DatabaseResolver.resolve(database, in: manager.store)
                    let schedule = Schedule(databaseId: target.id ?? 0, cron: cron, timeZone: timezone)
                    return ScheduleResponse(try await manager.schedules.create(schedule, by: .commandLine()), now: schedule.createdAt)
                }
                try output.emit(view) {
                    "added \(view.summary): \(view.text); next run \(CLIOutput.date(view.nextRunAt))"
                }
            }
        }
    }
}
