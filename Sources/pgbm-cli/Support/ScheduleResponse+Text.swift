import BackupAPIModels
import BackupRepository
import Foundation

extension ScheduleResponse {
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
