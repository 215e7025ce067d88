public import Foundation

/// When a cron expression runs next, as `GET /api/schedules/preview` and `pgbm-cli schedule preview/next`
/// show it.
public struct SchedulePreview: Sendable, Equatable {
    /// Preview counts a caller may ask for.
    public static let counts = 1...100

    /// The expression as given.
    public let cron: String
    /// The IANA zone it is read in.
    public let timeZone: String
    /// The expression in words (`At 02:30, Monday through Friday`).
    public let description: String
    /// The next run times, oldest first.
    public let nextRuns: [Date]
    /// The stored schedule previewed, if any.
    public let scheduleId: Int64?
}
