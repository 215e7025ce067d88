public import BackupCron
public import BackupRepository
public import Foundation

/// A schedule's cron expression and time zone, checked and ready to compute run times. The API and
/// the CLI use it to validate schedules and to preview their next runs.
public struct ScheduleTimes: Sendable {
    public let expression: CronExpression
    public let timeZone: TimeZone

    /// Parses `cron` in `timeZone`.
    /// - Throws: `StoreError` `invalid` naming `cron` (with the parser's field and column) or `timezone`.
    public init(cron: String, timeZone: String) throws(StoreError) {
        guard let zone = TimeZone(identifier: timeZone) else {
            throw StoreError.invalid(field: "timezone", "\"\(timeZone)\" is not an IANA time zone like Europe/Berlin")
        }
        do {
            expression = try CronExpression(parsing: cron)
        } catch {
            throw StoreError.invalid(field: "cron", error.description)
        }
        self.timeZone = zone
    }

    /// The times of `schedule`.
    public init(_ schedule: Schedule) throws(StoreError) {
        try self.init(cron: schedule.cron, timeZone: schedule.timeZone)
    }

    /// The expression in words (`At 02:30 every day`).
    public var humanDescription: String { expression.humanDescription }

    /// The first slot strictly after `date`.
    public func next(after date: Date) -> Date? { expression.next(after: date, in: timeZone) }

    /// The next `count` slots strictly after `date`: the preview of the API and the CLI.
    public func next(count: Int, after date: Date) -> [Date] { expression.next(count: count, after: date, in: timeZone) }

    /// The newest slot at or before `date`.
    public func latest(notAfter date: Date) -> Date? {
        expression.previous(before: date.addingTimeInterval(0.001), in: timeZone)
    }

    /// How many slots lie in `from...through`, counting at most `cap`.
    func slots(from: Date, through: Date, cap: Int = 10_000) -> Int {
        var count = 0
        var cursor = from.addingTimeInterval(-0.001)
        while count < cap, let slot = next(after: cursor), slot <= through {
            count += 1
            cursor = slot
        }
        return count
    }
}
