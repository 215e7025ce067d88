import ArgumentParser
import BackupAPIModels
import BackupCore
import Foundation

extension Pgbm.ScheduleCommand {
    /// `schedule preview`: the next runs of an expression that is not stored.
    struct Preview: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print when a cron expression runs next, in its time zone and in UTC (Docs/SCHEDULES.md).",
            discussion: "Exit code 64 with the field, column and expected value when the expression is invalid.")

        @Argument(help: "Five-field cron expression or preset, e.g. \"30 2 * * MON-FRI\" or @daily.") var cron: String
        @Option(help: "IANA time zone the expression is read in.") var timezone = "UTC"
        @Option(help: "How many runs to show (1-100).") var count = 5
        @Option(help: "Start after this ISO-8601 time instead of now, e.g. 2026-03-29T00:00:00Z.") var after: String?
        @OptionGroup var output: OutputOptions

        func validate() throws {
            try SchedulePreviewResponse.check(count: count)
        }

        func run() async throws {
            try await CLIError.reporting {
                let preview = SchedulePreviewResponse(
                    try ScheduleService.preview(cron: cron, timeZone: timezone, count: count, after: try startDate()))
                try output.emit(preview) { preview.text }
            }
        }

        func startDate() throws -> Date {
            guard let after else { return Date() }
            guard let date = ISO8601DateFormatter().date(from: after) else {
                throw CLIFailure("--after: \"\(after)\" is not an ISO-8601 time like 2026-03-29T00:00:00Z", code: 64)
            }
            return date
        }
    }
}
