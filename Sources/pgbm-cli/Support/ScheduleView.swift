import BackupCore
import BackupCron
import BackupRepository
import Foundation

/// A stored schedule as the CLI shows it, with its database's name and the cron expression in words.
struct ScheduleView: Encodable, Sendable {
    let id: Int64
    let databaseId: Int64
    let databaseName: String
    let cron: String
    let timezone: String
    let enabled: Bool
    let nextRunAt: Date?
    let lastRunAt: Date?
    let createdAt: Date
    /// `At 02:30 every day`, or why the stored expression is invalid.
    let description: String

    init(_ schedule: Schedule, databaseName: String) {
        id = schedule.id ?? 0
        databaseId = schedule.databaseId
        self.databaseName = databaseName
        cron = schedule.cron
        timezone = schedule.timeZone
        enabled = schedule.enabled
        nextRunAt = schedule.nextRunAt
        lastRunAt = schedule.lastRunAt
        createdAt = schedule.createdAt
        do {
            description = try ScheduleTimes(schedule).expression.humanDescription
        } catch {
            description = "invalid: \(error.description)"
        }
    }

    /// The view of `schedule`, with its database's name from the store (removed databases included).
    init(_ schedule: Schedule, in store: SQLiteStore) throws {
        self.init(schedule, databaseName: try store.database(id: schedule.databaseId)?.name ?? "-")
    }

    /// One line for messages: `schedule 3 (app, 30 2 * * * Europe/Berlin)`.
    var summary: String {
        "schedule \(id) (\(databaseName), \(cron) \(timezone))"
    }

    /// A table of schedules.
    static func table(_ views: [ScheduleView]) -> String {
        var table = TextTable(["ID", "DATABASE", "CRON", "ZONE", "ENABLED", "NEXT RUN", "LAST RUN", "DESCRIPTION"])
        for view in views {
            table.append([
                "\(view.id)", view.databaseName, view.cron, view.timezone, view.enabled ? "yes" : "no",
                CLIOutput.date(view.nextRunAt), CLIOutput.date(view.lastRunAt), view.description,
            ])
        }
        return table.rendered
    }
}
