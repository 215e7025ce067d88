import ArgumentParser
import BackupCore
import BackupCron
import Foundation

/// The next runs of a cron expression in its zone: what `schedule preview` and `schedule next` print.
struct RunPreview: Encodable, Sendable {
    /// How many runs a preview may list.
    static let counts = 1...100

    /// The stored schedule previewed, if any.
    let scheduleId: Int64?
    let cron: String
    let timezone: String
    let description: String
    let runs: [Date]

    /// The first `count` runs strictly after `start`.
    init(
        _ times: ScheduleTimes, cron: String, timezone: String, count: Int, after start: Date, scheduleId: Int64? = nil
    ) {
        self.scheduleId = scheduleId
        self.cron = cron
        self.timezone = timezone
        description = times.expression.humanDescription
        runs = times.next(count: count, after: start)
        zone = times.timeZone
    }

    private let zone: TimeZone

    private enum CodingKeys: String, CodingKey {
        case scheduleId, cron, timezone, description, runs
    }

    /// The description and zone, then one line per run: local time, then UTC.
    var text: String {
        let utc = TimeZone(secondsFromGMT: 0) ?? zone
        let lines = runs.map { Self.format($0, in: zone) + "  " + Self.format($0, in: utc) }
        return (["\(description) (\(timezone))"] + lines).joined(separator: "\n")
    }

    /// Refuses a `--count` outside ``counts``.
    static func check(count: Int) throws {
        guard counts.contains(count) else { throw ValidationError("--count must be between 1 and 100") }
    }

    static func format(_ date: Date, in zone: TimeZone) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = zone
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }
}
