import Foundation
import Hummingbird

/// The answer of `GET /api/schedules/preview`: the next runs of an expression in a zone.
struct SchedulePreviewResponse: ResponseEncodable, Sendable {
    let cron: String
    let timezone: String
    let description: String
    let nextRuns: [Date]
}
