import BackupCron
import Foundation
import TestSupport
import Testing

/// Checks the DST rule against a minute-by-minute model, and `previous` against `next`, around real offset
/// changes: the 2026 transitions of several zones, and historical oddities (Apia skipping 30 December 2011,
/// Moscow's 2014 change of standard time, Sitka's 24-hour overlap in 1867, Berlin's 1893 change from local
/// mean time, which is not a whole number of minutes).
@Suite(.timeLimit(.minutes(1)))
struct CronDaylightSavingModelTests {
    static let modernZones = [
        "Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "Africa/Casablanca", "America/Santiago",
    ]

    static let fixedExpressions = [
        "*/15 * * * *", "0 * * * *", "30 2 * * *", "30 1 * * *", "0 2 * * *", "59 1 * * *", "0 3 * * *",
        "*/7 1-3 * * *", "0 0 * * *", "15,45 0-4 * * *", "* 2 * * *", "0 12 * * *", "* * * * *",
    ]

    /// Offset changes to look at: `(zone, instant of the change)`.
    static func transitions() -> [(TimeZone, Int)] {
        var result: [(TimeZone, Int)] = []
        for name in modernZones {
            let zone = TimeZone(identifier: name)!
            var after = TestDates.utc("2026-01-01 00:00")
            for _ in 0..<2 {
                guard let change = zone.nextDaylightSavingTimeTransition(after: after) else { break }
                result.append((zone, Int(change.timeIntervalSince1970)))
                after = change
            }
        }
        result.append(
            (TimeZone(identifier: "Pacific/Apia")!, Int(TestDates.utc("2011-12-30 10:00").timeIntervalSince1970)))
        result.append(
            (TimeZone(identifier: "Europe/Moscow")!, Int(TestDates.utc("2014-10-25 22:00").timeIntervalSince1970)))
        return result
    }

    static func expressions(random count: Int, seed: UInt64) -> [CronExpression] {
        var generator = CronExpressionGenerator(seed: seed)
        var result = fixedExpressions.map { try! CronExpression(parsing: $0) }
        while result.count < fixedExpressions.count + count {
            if let expression = try? CronExpression(parsing: generator.next().text) { result.append(expression) }
        }
        return result
    }

    @Test func runsFollowTheMinuteByMinuteModel() throws {
        // Given windows of ±36 hours around offset changes and a mix of expressions
        let expressions = Self.expressions(random: 15, seed: 0xD57)
        for (zone, change) in Self.transitions() {
            let start = change - 36 * 3600
            let end = change + 36 * 3600
            for expression in expressions {
                // When the runs are listed forwards and backwards
                let expected = Self.modelRuns(expression, zone: zone, after: start, through: end)
                let forward = Self.runs(of: expression, in: zone, after: start, through: end, backwards: false)
                let backward = Self.runs(of: expression, in: zone, after: start, through: end, backwards: true)
                // Then both agree with the model
                let around = TestDates.format(Date(timeIntervalSince1970: TimeInterval(change)))
                let label = "\(expression) in \(zone.identifier) around \(around)"
                #expect(forward == expected, "next: \(label)")
                #expect(backward.reversed() == expected, "previous: \(label)")
            }
        }
    }

    /// The runs in `start <.. end` from chaining `next` (or `previous`, newest first), stopping at a result
    /// that does not move on.
    static func runs(
        of expression: CronExpression, in zone: TimeZone, after start: Int, through end: Int, backwards: Bool
    ) -> [Int] {
        var runs: [Int] = []
        var cursor = backwards ? end + 1 : start
        while true {
            let date = Date(timeIntervalSince1970: TimeInterval(cursor))
            guard
                let found = backwards
                    ? expression.previous(before: date, in: zone) : expression.next(after: date, in: zone)
            else { break }
            let run = Int(found.timeIntervalSince1970)
            guard backwards ? run < cursor : run > cursor else {
                Issue.record("\(expression) did not move on from \(TestDates.format(date)) in \(zone.identifier)")
                break
            }
            guard backwards ? run > start : run <= end else { break }
            runs.append(run)
            cursor = run
        }
        return runs
    }

    /// The rule, minute by minute: at each instant the clock shows a wall time; a run happens when a
    /// matching wall minute lies after the latest wall time shown before and at or before the one shown
    /// now. Skipped minutes thus run at the first instant after a gap, repeated ones only the first time.
    /// Which wall minutes match comes from evaluating the expression in UTC, where wall time is UTC.
    static func modelRuns(_ expression: CronExpression, zone: TimeZone, after start: Int, through end: Int) -> [Int] {
        func offset(_ instant: Int) -> Int {
            zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(instant)))
        }
        var matching = Set<Int>()
        var cursor = Date(timeIntervalSince1970: TimeInterval(start + offset(start) - 2 * 86400))
        let last = TimeInterval(end + offset(end) + 2 * 86400)
        while let run = expression.next(after: cursor, in: TestDates.utcZone), run > cursor,
            run.timeIntervalSince1970 <= last
        {
            matching.insert(Int(run.timeIntervalSince1970))
            cursor = run
        }
        var shown = start + offset(start)
        var runs: [Int] = []
        for instant in stride(from: start + 60, through: end, by: 60) {
            let wall = instant + offset(instant)
            guard wall > shown else { continue }
            if stride(from: shown + 60, through: wall, by: 60).contains(where: matching.contains) {
                runs.append(instant)
            }
            shown = wall
        }
        return runs
    }

    @Test func previousIsConsistentWithNext() throws {
        // Given random instants near offset changes (historical ones too) and random expressions
        var transitions = Self.transitions()
        transitions.append(
            (TimeZone(identifier: "America/Sitka")!, Int(TestDates.utc("1867-10-19 00:31:13").timeIntervalSince1970)))
        transitions.append(
            (TimeZone(identifier: "Europe/Berlin")!, Int(TestDates.utc("1893-03-31 23:06:32").timeIntervalSince1970)))
        transitions.append((TestDates.utcZone, Int(TestDates.utc("2026-06-01 00:00").timeIntervalSince1970)))
        let expressions = Self.expressions(random: 200, seed: 0xC0515)
        var random = SplitMix64(seed: 0x9E7)
        for index in 0..<3000 {
            let (zone, change) = transitions[index % transitions.count]
            let expression = expressions[Int(random.next() % UInt64(expressions.count))]
            let seconds = Double(change) + Double(Int(random.next() % 518_400) - 259_200) + (index % 2 == 0 ? 0 : 0.5)
            let start = Date(timeIntervalSince1970: seconds)
            let label = "\(expression) in \(zone.identifier) at \(TestDates.format(start))"

            // When x is the next run after t and p the run before x
            let next = try #require(expression.next(after: start, in: zone), "\(label)")
            let previous = try #require(expression.previous(before: next, in: zone), "\(label)")

            // Then p ≤ t < x and the run after p is x again
            #expect(previous <= start && start < next, "\(label)")
            #expect(expression.next(after: previous, in: zone) == next, "\(label)")
            // And the run before t is followed by a run at or after t
            let before = try #require(expression.previous(before: start, in: zone), "\(label)")
            #expect(before < start, "\(label)")
            #expect(try #require(expression.next(after: before, in: zone)) >= start, "\(label)")
        }
    }
}
