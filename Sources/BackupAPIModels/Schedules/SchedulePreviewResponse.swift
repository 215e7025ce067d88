public import BackupCore
public import Foundation

/// `GET /api/schedules/preview` and `pgbm-cli schedule preview/next --json`: when an expression runs next.
public struct SchedulePreviewResponse: Codable, Sendable, Equatable {
    /// The stored schedule previewed (`schedule next`); absent for an expression.
    public let scheduleId: Int64?
    /// The expression as given.
    public let cron: String
    /// The IANA zone it is read in.
    public let timezone: String
    /// The expression in words.
    public let description: String
    /// The next run times, oldest first (UTC).
    public let nextRuns: [Date]

    /// The response for a use case's preview.
    public init(_ preview: SchedulePreview) {
        scheduleId = preview.scheduleId
        cron = preview.cron
        timezone = preview.timeZone
        description = preview.description
        nextRuns = preview.nextRuns
    }
}
