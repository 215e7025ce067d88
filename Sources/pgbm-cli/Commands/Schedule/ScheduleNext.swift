import ArgumentParser
import BackupCore
import BackupRepository
import Foundation

extension Pgbm.ScheduleCommand {
    /// `schedule next`: the next runs of a stored schedule.
    struct Next: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print when a stored schedule runs next, in its time zone and in UTC.",
            discussion: StoreCommandHelp.exitCodes)

        @OptionGroup var target: ScheduleTarget
        @Option(help: "How many runs to show (1-100).") var count = 5

        func validate() throws {
            try RunPreview.check(count: count)
        }

        func run() async throws {
            try await CLIError.reporting {
                let schedule = try await ScheduleLookup.schedule(target.id, in: target.shared.openStore())
                let preview = RunPreview(
                    try ScheduleTimes(schedule), cron: schedule.cron, timezone: schedule.timeZone, count: count,
                    after: Date(),
                    scheduleId: target.id)
                try target.output.emit(preview) {
                    "schedule \(target.id)\(schedule.enabled ? "" : " (paused)"): " + preview.text
                }
            }
        }
    }
}
