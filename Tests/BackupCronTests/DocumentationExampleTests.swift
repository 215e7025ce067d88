import BackupCron
import Foundation
import Testing

/// The code examples of `Sources/BackupCore/Cron/BackupCron.docc/GettingStarted.md`, one test per section,
/// so the article cannot drift from the API. Keep both in step.
@Suite("Documentation examples: BackupCron Getting started")
struct DocumentationExampleTests {
    let berlin = TimeZone(identifier: "Europe/Berlin")!

    @Test("Parse an expression and find its runs")
    func parseAndFindRuns() throws {
        let nightly = try CronExpression(parsing: "30 2 * * MON-FRI")
        let berlin = TimeZone(identifier: "Europe/Berlin")!
        let start = Date(timeIntervalSince1970: 1_767_225_600)  // Thursday 2026-01-01 00:00 UTC

        let next = nightly.next(after: start, in: berlin)
        let runs = nightly.next(count: 3, after: start, in: berlin)
        let previous = nightly.previous(before: start, in: berlin)

        #expect(TestDates.format(try #require(next)) == "2026-01-01 01:30")
        #expect(TestDates.format(runs) == ["2026-01-01 01:30", "2026-01-02 01:30", "2026-01-05 01:30"])
        #expect(TestDates.format(try #require(previous)) == "2025-12-31 01:30")
    }

    @Test("Describe a schedule")
    func describeSchedule() throws {
        let nightly = try CronExpression(parsing: "30 2 * * MON-FRI")

        let quarterly = try CronExpression(parsing: "*/15 * * * *")
        let daily = try CronExpression(parsing: "  @daily ")

        #expect(quarterly.humanDescription == "Every 15 minutes")
        #expect(nightly.humanDescription == "At 02:30 on Monday through Friday")
        #expect(daily.source == "@daily" && daily.humanDescription == "At 00:00 every day")
    }

    @Test("Daylight saving time")
    func daylightSavingTime() throws {
        let daily0230 = try CronExpression(parsing: "30 2 * * *")
        let springForward = Date(timeIntervalSince1970: 1_774_742_400)  // 2026-03-29 00:00 UTC
        let fallBack = Date(timeIntervalSince1970: 1_792_886_400)  // 2026-10-25 00:00 UTC

        let spring = daily0230.next(after: springForward, in: berlin)
        let autumn = daily0230.next(count: 2, after: fallBack, in: berlin)

        #expect(TestDates.format(try #require(spring)) == "2026-03-29 01:00")
        #expect(TestDates.format(autumn) == ["2026-10-25 00:30", "2026-10-26 01:30"])
    }

    @Test("Report a rejected expression")
    func reportRejectedExpression() {
        var rejection: CronParseError?
        do {
            _ = try CronExpression(parsing: "0 0 * * 8")
        } catch {
            rejection = error
        }

        let error = rejection
        #expect(error?.field == .dayOfWeek && error?.position == 9)
        #expect(error.map { "\($0)" } == #"day-of-week (column 9): "8" is out of range 0–7"#)
        #expect(throws: CronParseError.self) { try CronExpression(parsing: "0 0 30 2 *") }
    }
}
