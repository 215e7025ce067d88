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
                let times = try ScheduleTimes(cron: cron, timeZone: timezone)
                let store = try shared.openStore()
                let target = try await DatabaseResolver.resolve(database, in: store)
                var schedule = Schedule(databaseId: target.id ?? 0, cron: times.expression.source, timeZone: timezone)
                schedule.nextRunAt = times.next(after: schedule.createdAt)
                // (the next run as stored: the first slot after the schedule's creation)
                let view = await ScheduleResponse(
                    try store.createSchedule(schedule), database: target, now: schedule.createdAt)
                try await CLIAudit(store: store).record(
                    "schedule.create", target: "schedule", id: "\(view.id)",
                    details: try JSONValue(encoding: view).members)
                try output.emit(view) {
                    "added \(view.summary): \(view.text); next run \(CLIOutput.date(view.nextRunAt))"
                }
            }
        }
    }
}
