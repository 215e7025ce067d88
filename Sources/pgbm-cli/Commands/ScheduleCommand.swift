import ArgumentParser
import BackupCore
import BackupCron
import Foundation

extension Pgbm {
    struct ScheduleCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "schedule",
            abstract: "Cron schedules: check an expression and preview its next runs.",
            subcommands: [Preview.self])

        struct Preview: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Print when a cron expression runs next, in its time zone and in UTC (Docs/SCHEDULES.md).",
                discussion: "Exit code 64 with the field, column and expected value when the expression is invalid.")

            @Argument(help: "Five-field cron expression or preset, e.g. \"30 2 * * MON-FRI\" or @daily.") var cron: String
            @Option(help: "IANA time zone the expression is read in.") var timezone = "UTC"
            @Option(help: "How many runs to show (1-100).") var count = 5
            @Option(help: "Start after this ISO-8601 time instead of now, e.g. 2026-03-29T00:00:00Z.") var after: String?

            func validate() throws {
                guard (1...100).contains(count) else { throw ValidationError("--count must be between 1 and 100") }
            }

            func run() async throws {
                try await CLIError.reporting {
                    let times = try ScheduleTimes(cron: cron, timeZone: timezone)
                    let start = try startDate()
                    print("\(times.expression.humanDescription) (\(timezone))")
                    for date in times.next(count: count, after: start) {
                        print(Self.format(date, in: times.timeZone) + "  " + Self.format(date, in: TimeZone(identifier: "UTC")!))
                    }
                }
            }

            func startDate() throws -> Date {
                guard let after else { return Date() }
                guard let date = ISO8601DateFormatter().date(from: after) else {
                    throw CLIFailure("--after: \"\(after)\" is not an ISO-8601 time like 2026-03-29T00:00:00Z", code: 64)
                }
                return date
            }

            static func format(_ date: Date, in zone: TimeZone) -> String {
                let formatter = ISO8601DateFormatter()
                formatter.timeZone = zone
                formatter.formatOptions = [.withInternetDateTime]
                return formatter.string(from: date)
            }
        }
    }
}
