public import Foundation

/// A parsed five-field cron expression and its run times in a time zone.
///
/// ```swift
/// let nightly = try CronExpression(parsing: "30 2 * * MON-FRI")
/// let berlin = TimeZone(identifier: "Europe/Berlin")!
/// let runs = nightly.next(count: 3, after: .now, in: berlin)
/// print(nightly.humanDescription)  // At 02:30 on Monday through Friday
/// ```
///
/// Syntax: minute, hour, day of month, month, day of week; `*`, lists, ranges, steps (`*/15`, `1-30/5`,
/// `5/10` = `5-59/10`), `JAN`–`DEC`, `SUN`–`SAT`, 0 and 7 for Sunday, and the presets `@yearly`,
/// `@annually`, `@monthly`, `@weekly`, `@daily`, `@midnight`, `@hourly`. When both day fields are
/// restricted (neither is exactly `*`) a day matches if either matches.
///
/// Daylight saving time: a wall time skipped by a spring-forward gap runs once, at the first instant
/// after the gap; a wall time shown twice in autumn runs once, at its first occurrence. Details and every
/// error message: `Docs/SCHEDULES.md`.
public struct CronExpression: Sendable, Hashable, CustomStringConvertible {
    /// The text as given, without leading and trailing whitespace.
    public let source: String
    let pattern: CronPattern

    /// Parses a cron expression.
    ///
    /// - Parameter text: five whitespace-separated fields or a preset such as `@daily`.
    /// - Throws: ``CronParseError`` naming the field, the column and what was expected; expressions that
    ///   can never run (`0 0 30 2 *`) are rejected too.
    public init(parsing text: String) throws(CronParseError) {
        pattern = try CronParser.parse(text)
        source = text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The source text.
    public var description: String { source }

    /// The first run strictly after `date`.
    ///
    /// - Parameters:
    ///   - date: the instant to search from; a run exactly at `date` is not returned.
    ///   - timeZone: the zone whose wall clock the fields refer to.
    /// - Returns: the run; `nil` only for dates outside years 0–5000 (every expression that parses runs
    ///   at least once every 8 years).
    public func next(after date: Date, in timeZone: TimeZone) -> Date? {
        guard let instant = Self.seconds(date, rounding: .down) else { return nil }
        var zone = ZoneCursor(zone: timeZone, from: instant - ZoneCursor.lookBehind)
        guard let wall = pattern.firstMatch(atOrAfter: zone.firstWallMinute(after: instant)) else { return nil }
        return Date(timeIntervalSince1970: TimeInterval(zone.instant(forWallMinute: wall)))
    }

    /// The next `count` runs strictly after `date`, in order (fewer only where ``next(after:in:)`` would
    /// return `nil`).
    public func next(count: Int, after date: Date, in timeZone: TimeZone) -> [Date] {
        var runs: [Date] = []
        runs.reserveCapacity(max(count, 0))
        var current = date
        while runs.count < count, let run = next(after: current, in: timeZone) {
            runs.append(run)
            current = run
        }
        return runs
    }

    /// The last run strictly before `date`, consistent with ``next(after:in:)``: for a run `r`,
    /// `next(after: previous(before: r))` is `r`.
    ///
    /// - Returns: the run; `nil` only for dates outside years 0–5000.
    public func previous(before date: Date, in timeZone: TimeZone) -> Date? {
        guard let instant = Self.seconds(date, rounding: .up) else { return nil }
        var zone = ZoneCursor(zone: timeZone, from: instant - ZoneCursor.lookBehind)
        guard let wall = pattern.lastMatch(atOrBefore: zone.lastWallMinute(before: instant)) else { return nil }
        return Date(timeIntervalSince1970: TimeInterval(zone.instant(forWallMinute: wall)))
    }

    /// The instants pgbm schedules: years 0 to 5000 (from before `Date.distantPast` to beyond
    /// `Date.distantFuture`).
    private static let supportedSeconds: ClosedRange<TimeInterval> = -62_167_219_200...95_617_584_000

    /// `date` as whole seconds since 1970, rounded as asked; `nil` outside the supported years.
    private static func seconds(_ date: Date, rounding: FloatingPointRoundingRule) -> Int? {
        let seconds = date.timeIntervalSince1970.rounded(rounding)
        guard supportedSeconds.contains(seconds) else { return nil }
        return Int(seconds)
    }
}

extension CronExpression {
    /// A short English description for common shapes ("At 02:30 on Monday", "Every 15 minutes",
    /// "At 00:00 on day 1 of the month"); the expression itself for anything more complex.
    public var humanDescription: String {
        pattern.humanDescription() ?? source
    }
}
