import BackupAPIModels
import BackupRepository
import Foundation

extension ScheduleResponse {
    /// The response of `schedule`, with its database (removed databases included) from the store.
    init(_ schedule: Schedule, in store: any ConfigurationStore, now: Date = Date()) async throws {
        self.init(schedule, database: try await store.database(id: schedule.databaseId), now: now)
    }

    /// One line for messages: `schedule 3 (app, 30 2 * * * Europe/Berlin)`.
    var summary: String {
        "schedule \(id) (\(databaseName ?? "-"), \(cron) \(timezone))"
    }

    /// `At 02:30 every day`, or why the stored expression is invalid.
    var text: String {
        description ?? "invalid: \(error ?? "-")"
    }

    /// A table of schedules for `schedule list`.
    static func table(_ schedules: [ScheduleResponse]) -> String {
        var table = TextTable(["ID", "DATABASE", "CRON", "ZONE", "ENABLED", "NEXT RUN", "LAST RUN", "DESCRIPTION"])
        for schedule in schedules {
            table.append([
                "\(schedule.id)", schedule.databaseName ?? "-", schedule.cron, schedule.timezone,
                schedule.enabled ? "yes" : "no", CLIOutput.date(schedule.nextRunAt), CLIOutput.date(schedule.lastRunAt),
                schedule.text,
            ])
        }
        return table.rendered
    }
}
