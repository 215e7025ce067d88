import BackupCore
import BackupRepository
import Foundation

/// The body of `POST /api/schedules` and `PUT /api/schedules/{id}`: `database_id`, `cron` (five fields
/// or a preset like `@daily`), `timezone` (IANA, default `UTC`), `enabled` (default `true`).
struct ScheduleInput: Decodable, Sendable {
    let databaseId: Int64
    let cron: String
    let timezone: String?
    let enabled: Bool?

    /// The schedule these fields describe; ``ScheduleService`` validates it (a cron expression the parser
    /// rejects is a 422 `cron` with the parser's message, an unknown zone a 422 `timezone`).
    func makeSchedule() -> Schedule {
        Schedule(databaseId: databaseId, cron: cron, timeZone: timezone ?? "UTC", enabled: enabled ?? true)
    }
}
