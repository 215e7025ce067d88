public import Foundation

/// The answer of `GET /api/schedules/preview`: the next runs of an expression in a zone.
public struct SchedulePreviewResponse: Encodable, Sendable {
    public let cron: String
    public let timezone: String
    /// The expression in words.
    public let description: String
    public let nextRuns: [Date]

    /// The preview of `cron` in `timezone`.
    public init(cron: String, timezone: String, description: String, nextRuns: [Date]) {
        self.cron = cron
        self.timezone = timezone
        self.description = description
        self.nextRuns = nextRuns
    }
}
