import ArgumentParser
import BackupAPIModels
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
            try SchedulePreviewResponse.check(count: count)
        }

        func run() async throws {
            try await CLIError.reporting {
                let (preview, enabled) = try await target.withSchedules { schedules in
                    (SchedulePreviewResponse(try await schedules.preview(target.id, count: count)), try await schedules.get(target.id).schedule.enabled)
                }
                try target.output.emit(preview) { "schedule \(target.id)\(enabled ? "" : " (paused)"): " + preview.text }
            }
        }
    }
}
