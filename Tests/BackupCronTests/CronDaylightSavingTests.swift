import BackupCron
import Foundation
import Testing

/// The DST rule on the 2026 transitions: Europe/Berlin springs forward 2026-03-29 02:00 CET → 03:00 CEST
/// (01:00 UTC) and falls back 2026-10-25 03:00 CEST → 02:00 CET (01:00 UTC); America/New_York springs
/// forward 2026-03-08 02:00 EST → 03:00 EDT (07:00 UTC) and falls back 2026-11-01 02:00 EDT → 01:00 EST
/// (06:00 UTC). All times in the table are UTC.
struct CronDaylightSavingTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let expression: String
        let zone: String
        let start: String
        let runs: [String]
        let note: String
        var testDescription: String { "\(expression) in \(zone) from \(start): \(note)" }
    }

    static let nextCases: [Case] = [
        // Berlin, spring forward: 02:00–02:59 do not exist
        Case(
            expression: "30 2 * * *", zone: "Europe/Berlin", start: "2026-03-28 12:00",
            runs: ["2026-03-29 01:00", "2026-03-30 00:30"], note: "skipped 02:30 runs at 03:00 CEST"),
        Case(
            expression: "*/15 * * * *", zone: "Europe/Berlin", start: "2026-03-29 00:30",
            runs: ["2026-03-29 00:45", "2026-03-29 01:00", "2026-03-29 01:15", "2026-03-29 01:30"],
            note: "02:00–02:45 and the regular 03:00 collapse into one run"),
        Case(
            expression: "0 * * * *", zone: "Europe/Berlin", start: "2026-03-28 23:30",
            runs: ["2026-03-29 00:00", "2026-03-29 01:00", "2026-03-29 02:00"],
            note: "hourly: 01:00 CET, 03:00, 04:00 CEST"),
        Case(
            expression: "59 1 * * *", zone: "Europe/Berlin", start: "2026-03-28 12:00",
            runs: ["2026-03-29 00:59", "2026-03-29 23:59"], note: "01:59 CET is just before the gap"),
        Case(
            expression: "0 3 * * *", zone: "Europe/Berlin", start: "2026-03-28 12:00",
            runs: ["2026-03-29 01:00", "2026-03-30 01:00"], note: "03:00 CEST exists"),
        Case(
            expression: "30 2 29 3 *", zone: "Europe/Berlin", start: "2026-01-01 00:00",
            runs: ["2026-03-29 01:00", "2027-03-29 00:30"], note: "once a year, skipped in 2026 only"),
        // Berlin, fall back: 02:00–02:59 happen twice (CEST 00:00–00:59 UTC, then CET 01:00–01:59 UTC)
        Case(
            expression: "30 2 * * *", zone: "Europe/Berlin", start: "2026-10-24 12:00",
            runs: ["2026-10-25 00:30", "2026-10-26 01:30"], note: "repeated 02:30 runs once, in CEST"),
        Case(
            expression: "0 * * * *", zone: "Europe/Berlin", start: "2026-10-24 22:30",
            runs: ["2026-10-24 23:00", "2026-10-25 00:00", "2026-10-25 02:00", "2026-10-25 03:00"],
            note: "hourly: 02:00 CET is not run again"),
        Case(
            expression: "*/15 * * * *", zone: "Europe/Berlin", start: "2026-10-25 00:40",
            runs: ["2026-10-25 00:45", "2026-10-25 02:00", "2026-10-25 02:15"], note: "02:45 CEST, then 03:00 CET"),
        Case(
            expression: "*/15 * * * *", zone: "Europe/Berlin", start: "2026-10-25 01:20",
            runs: ["2026-10-25 02:00"], note: "from inside the repeated hour"),
        Case(
            expression: "0 3 * * *", zone: "Europe/Berlin", start: "2026-10-24 12:00",
            runs: ["2026-10-25 02:00"], note: "03:00 CET"),
        // New York, spring forward: 02:00–02:59 do not exist
        Case(
            expression: "30 2 * * *", zone: "America/New_York", start: "2026-03-07 12:00",
            runs: ["2026-03-08 07:00", "2026-03-09 06:30"], note: "skipped 02:30 runs at 03:00 EDT"),
        Case(
            expression: "*/15 * * * *", zone: "America/New_York", start: "2026-03-08 06:50",
            runs: ["2026-03-08 07:00", "2026-03-08 07:15"], note: "02:00–02:45 and 03:00 collapse"),
        Case(
            expression: "0 * * * *", zone: "America/New_York", start: "2026-03-08 05:30",
            runs: ["2026-03-08 06:00", "2026-03-08 07:00", "2026-03-08 08:00"],
            note: "hourly: 01:00 EST, 03:00, 04:00 EDT"),
        Case(
            expression: "0 2 * * 0", zone: "America/New_York", start: "2026-03-01 12:00",
            runs: ["2026-03-08 07:00", "2026-03-15 06:00"], note: "weekly on the transition Sunday"),
        // New York, fall back: 01:00–01:59 happen twice (EDT 05:00–05:59 UTC, then EST 06:00–06:59 UTC)
        Case(
            expression: "30 1 * * *", zone: "America/New_York", start: "2026-10-31 12:00",
            runs: ["2026-11-01 05:30", "2026-11-02 06:30"], note: "repeated 01:30 runs once, in EDT"),
        Case(
            expression: "0 * * * *", zone: "America/New_York", start: "2026-11-01 03:30",
            runs: ["2026-11-01 04:00", "2026-11-01 05:00", "2026-11-01 07:00", "2026-11-01 08:00"],
            note: "hourly: 01:00 EST is not run again"),
        Case(
            expression: "*/15 * * * *", zone: "America/New_York", start: "2026-11-01 05:40",
            runs: ["2026-11-01 05:45", "2026-11-01 07:00"], note: "01:45 EDT, then 02:00 EST"),
        Case(
            expression: "0 2 * * 0", zone: "America/New_York", start: "2026-10-30 12:00",
            runs: ["2026-11-01 07:00", "2026-11-08 07:00"], note: "02:00 EST exists once"),
    ]

    static let previousCases: [Case] = [
        Case(
            expression: "30 2 * * *", zone: "Europe/Berlin", start: "2026-03-30 00:30",
            runs: ["2026-03-29 01:00", "2026-03-28 01:30"], note: "back over the gap"),
        Case(
            expression: "*/15 * * * *", zone: "Europe/Berlin", start: "2026-03-29 01:15",
            runs: ["2026-03-29 01:00", "2026-03-29 00:45"], note: "the collapsed run, then 01:45 CET"),
        Case(
            expression: "*/15 * * * *", zone: "Europe/Berlin", start: "2026-10-25 02:00",
            runs: ["2026-10-25 00:45", "2026-10-25 00:30"], note: "from 03:00 CET back into CEST"),
        Case(
            expression: "*/15 * * * *", zone: "Europe/Berlin", start: "2026-10-25 01:30",
            runs: ["2026-10-25 00:45"], note: "from inside the repeated hour"),
        Case(
            expression: "30 2 * * *", zone: "Europe/Berlin", start: "2026-10-26 01:30",
            runs: ["2026-10-25 00:30", "2026-10-24 00:30"], note: "the CEST occurrence"),
        Case(
            expression: "0 * * * *", zone: "Europe/Berlin", start: "2026-10-25 02:00",
            runs: ["2026-10-25 00:00", "2026-10-24 23:00"], note: "hourly"),
        Case(
            expression: "30 2 * * *", zone: "America/New_York", start: "2026-03-08 07:00",
            runs: ["2026-03-07 07:30"], note: "exactly at the collapsed run"),
        Case(
            expression: "30 1 * * *", zone: "America/New_York", start: "2026-11-01 06:45",
            runs: ["2026-11-01 05:30", "2026-10-31 05:30"], note: "from inside the repeated hour"),
        Case(
            expression: "0 * * * *", zone: "America/New_York", start: "2026-11-01 07:00",
            runs: ["2026-11-01 05:00", "2026-11-01 04:00"], note: "hourly"),
    ]

    @Test(arguments: nextCases)
    func nextRunsAcrossTransitions(_ testCase: Case) throws {
        let expression = try CronExpression(parsing: testCase.expression)
        let zone = try #require(TimeZone(identifier: testCase.zone))
        let runs = expression.next(count: testCase.runs.count, after: TestDates.utc(testCase.start), in: zone)
        #expect(TestDates.format(runs) == testCase.runs)
    }

    @Test(arguments: previousCases)
    func previousRunsAcrossTransitions(_ testCase: Case) throws {
        let expression = try CronExpression(parsing: testCase.expression)
        let zone = try #require(TimeZone(identifier: testCase.zone))
        var runs: [Date] = []
        var current = TestDates.utc(testCase.start)
        while runs.count < testCase.runs.count, let run = expression.previous(before: current, in: zone) {
            runs.append(run)
            current = run
        }
        #expect(TestDates.format(runs) == testCase.runs)
    }
}
