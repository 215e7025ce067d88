import ArgumentParser
import BackupAPIModels
import BackupCore
import Foundation

extension SchedulePreviewResponse {
    /// The description and zone, then one line per run: in the schedule's zone and in UTC.
    var text: String {
        let zone = TimeZone(identifier: timezone) ?? TimeZone(secondsFromGMT: 0)!
        let utc = TimeZone(secondsFromGMT: 0)!
        let lines = nextRuns.map { Self.format($0, in: zone) + "  " + Self.format($0, in: utc) }
        return (["\(description) (\(timezone))"] + lines).joined(separator: "\n")
    }

    /// Refuses a `--count` outside 1–100 before anything runs.
    static func check(count: Int) throws {
        guard SchedulePreview.counts.contains(count) else { throw ValidationError("--count must be between 1 and 100") }
    }

    static func format(_ date: Date, in zone: TimeZone) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = zone
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }
}
