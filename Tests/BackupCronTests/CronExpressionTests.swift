import BackupCron
import Foundation
import Testing

struct CronExpressionTests {
    let utc = TestDates.utcZone

    private func runs(_ text: String, after start: String, count: Int = 6) throws -> [String] {
        let expression = try CronExpression(parsing: text)
        return TestDates.format(expression.next(count: count, after: TestDates.utc(start), in: utc))
    }

    @Test(arguments: [
        ("@yearly", "0 0 1 1 *"), ("@annually", "0 0 1 1 *"), ("@monthly", "0 0 1 * *"), ("@weekly", "0 0 * * 0"),
        ("@daily", "0 0 * * *"), ("@midnight", "0 0 * * *"), ("@hourly", "0 * * * *"), ("@DAILY", "0 0 * * *"),
    ])
    func presetsRunLikeTheirFields(preset: String, fields: String) throws {
        #expect(try runs(preset, after: "2026-05-17 13:45") == runs(fields, after: "2026-05-17 13:45"))
    }

    @Test func presetRunTimes() throws {
        #expect(try runs("@weekly", after: "2026-01-01 00:00", count: 2) == ["2026-01-04 00:00", "2026-01-11 00:00"])
        #expect(try runs("@yearly", after: "2026-01-01 00:00", count: 2) == ["2027-01-01 00:00", "2028-01-01 00:00"])
    }

    @Test func namesAreCaseInsensitiveAndWorkInRanges() throws {
        let numeric = try runs("0 12 * 1-3 1-5", after: "2026-01-01 00:00", count: 40)
        #expect(try runs("0 12 * JAN-MAR MON-FRI", after: "2026-01-01 00:00", count: 40) == numeric)
        #expect(try runs("0 12 * jan-Mar mon-fRi", after: "2026-01-01 00:00", count: 40) == numeric)
        #expect(
            try runs("0 12 * * sat,SUN", after: "2026-01-01 00:00", count: 2) == [
                "2026-01-03 12:00", "2026-01-04 12:00",
            ])
    }

    @Test(arguments: ["0 0 * * 0", "0 0 * * 7", "0 0 * * SUN", "0 0 * * 0,7", "0 0 * * 7-7"])
    func zeroAndSevenAreSunday(text: String) throws {
        #expect(
            try runs(text, after: "2026-01-01 00:00", count: 3) == [
                "2026-01-04 00:00", "2026-01-11 00:00", "2026-01-18 00:00",
            ])
    }

    @Test func rangeEndingInSevenIncludesSunday() throws {
        #expect(
            try runs("0 0 * * 5-7", after: "2026-01-01 00:00", count: 4) == [
                "2026-01-02 00:00", "2026-01-03 00:00", "2026-01-04 00:00", "2026-01-09 00:00",
            ])
    }

    @Test func bothDayFieldsRestrictedMatchEither() throws {
        // Given the 13th or any Friday: Friday 2 January, Friday 9, Tuesday 13, Friday 16
        #expect(
            try runs("0 0 13 * 5", after: "2026-01-01 00:00", count: 4) == [
                "2026-01-02 00:00", "2026-01-09 00:00", "2026-01-13 00:00", "2026-01-16 00:00",
            ])
        // A stepped day-of-month is restricted too (croniter; Vixie cron would require both)
        #expect(
            try runs("0 0 */2 * 1", after: "2026-01-01 00:00") == [
                "2026-01-03 00:00", "2026-01-05 00:00", "2026-01-07 00:00", "2026-01-09 00:00", "2026-01-11 00:00",
                "2026-01-12 00:00",
            ])
    }

    @Test func oneRestrictedDayFieldAloneCounts() throws {
        #expect(try runs("0 0 * * 1", after: "2026-01-01 00:00", count: 2) == ["2026-01-05 00:00", "2026-01-12 00:00"])
        #expect(try runs("0 0 1 * *", after: "2026-01-01 00:00", count: 2) == ["2026-02-01 00:00", "2026-03-01 00:00"])
    }

    @Test func steps() throws {
        #expect(
            try runs("*/15 * * * *", after: "2026-01-01 00:00", count: 5) == [
                "2026-01-01 00:15", "2026-01-01 00:30", "2026-01-01 00:45", "2026-01-01 01:00", "2026-01-01 01:15",
            ])
        #expect(
            try runs("5/20 * * * *", after: "2026-01-01 00:00", count: 4) == [
                "2026-01-01 00:05", "2026-01-01 00:25", "2026-01-01 00:45", "2026-01-01 01:05",
            ])
        #expect(
            try runs("0 1-10/4 * * *", after: "2026-01-01 00:00", count: 4) == [
                "2026-01-01 01:00", "2026-01-01 05:00", "2026-01-01 09:00", "2026-01-02 01:00",
            ])
        #expect(
            try runs("0 0 1 */5 *", after: "2026-01-01 00:00", count: 3) == [
                "2026-06-01 00:00", "2026-11-01 00:00", "2027-01-01 00:00",
            ])
        // Day-of-week steps run over 0–6: 1/2 is Monday, Wednesday, Friday
        #expect(
            try runs("0 0 * * 1/2", after: "2026-01-04 00:00", count: 3) == [
                "2026-01-05 00:00", "2026-01-07 00:00", "2026-01-09 00:00",
            ])
        // A step beyond the field's width leaves only the start
        #expect(
            try runs("*/100 * * * *", after: "2026-01-01 00:00", count: 2) == ["2026-01-01 01:00", "2026-01-01 02:00"])
    }

    @Test func leapDayRunsOnlyOnTwentyNinthOfFebruary() throws {
        #expect(
            try runs("0 0 29 2 *", after: "2026-01-01 00:00", count: 3) == [
                "2028-02-29 00:00", "2032-02-29 00:00", "2036-02-29 00:00",
            ])
        // 2100 is no leap year: eight years between runs, still found
        #expect(try runs("0 0 29 2 *", after: "2096-03-01 00:00", count: 1) == ["2104-02-29 00:00"])
        let expression = try CronExpression(parsing: "0 0 29 2 *")
        #expect(
            expression.previous(before: TestDates.utc("2104-01-01 00:00"), in: utc) == TestDates.utc("2096-02-29 00:00")
        )
    }

    @Test func thirtyFirstSkipsShorterMonths() throws {
        #expect(
            try runs("0 0 31 * *", after: "2026-01-01 00:00", count: 7) == [
                "2026-01-31 00:00", "2026-03-31 00:00", "2026-05-31 00:00", "2026-07-31 00:00", "2026-08-31 00:00",
                "2026-10-31 00:00", "2026-12-31 00:00",
            ])
    }

    @Test func searchesFromShortMonthsDoNotOvershoot() throws {
        // croniter 6.0.0 skips 1 March here (it jumps from 27 February by 31 − 27 days)
        #expect(
            try runs("0 0 */5 * *", after: "2026-02-26 00:00", count: 2) == ["2026-03-01 00:00", "2026-03-06 00:00"])
    }

    @Test func nextIsStrictlyAfterAndPreviousStrictlyBefore() throws {
        let expression = try CronExpression(parsing: "30 2 * * *")
        let run = TestDates.utc("2026-06-01 02:30")
        #expect(expression.next(after: run, in: utc) == TestDates.utc("2026-06-02 02:30"))
        #expect(expression.next(after: run.addingTimeInterval(-0.001), in: utc) == run)
        #expect(expression.previous(before: run, in: utc) == TestDates.utc("2026-05-31 02:30"))
        #expect(expression.previous(before: run.addingTimeInterval(0.001), in: utc) == run)
    }

    @Test func rareSchedulesTerminate() throws {
        // Given the rarest shapes: a leap day on a given weekday is an OR, so it runs often; a leap day alone
        // runs every 4 to 8 years
        for text in ["0 0 29 2 *", "59 23 29 2 *", "0 0 29 2 1", "59 23 31 12 *", "0 0 1 1 *"] {
            let expression = try CronExpression(parsing: text)
            for start in ["2026-01-01 00:00", "2099-12-31 23:59", "1970-01-01 00:00"] {
                #expect(expression.next(after: TestDates.utc(start), in: utc) != nil, "\(text) after \(start)")
                #expect(expression.previous(before: TestDates.utc(start), in: utc) != nil, "\(text) before \(start)")
            }
        }
    }

    @Test func datesOutsideTheSupportedYearsGiveNil() throws {
        let expression = try CronExpression(parsing: "* * * * *")
        #expect(expression.next(after: Date(timeIntervalSince1970: 1e15), in: utc) == nil)
        #expect(expression.previous(before: Date(timeIntervalSince1970: -1e15), in: utc) == nil)
        #expect(expression.next(after: .distantFuture, in: utc) != nil)
        #expect(expression.previous(before: .distantPast.addingTimeInterval(86_400), in: utc) != nil)
    }

    @Test func countOfZeroOrLessGivesNothing() throws {
        let expression = try CronExpression(parsing: "@hourly")
        #expect(expression.next(count: 0, after: .now, in: utc).isEmpty)
        #expect(expression.next(count: -3, after: .now, in: utc).isEmpty)
    }

    @Test func sourceIsTheTrimmedText() throws {
        let expression = try CronExpression(parsing: "  */15  *\t* * *\n")
        #expect(expression.source == "*/15  *\t* * *")
        #expect(expression.description == expression.source)
        #expect(try CronExpression(parsing: "0 0 * * 0") == CronExpression(parsing: "0 0 * * 0"))
        #expect(try CronExpression(parsing: "0 0 * * 0") != CronExpression(parsing: "0 0 * * 7"))
    }

    @Test func fixedOffsetZonesShiftRuns() throws {
        let expression = try CronExpression(parsing: "30 2 * * *")
        let zone = try #require(TimeZone(secondsFromGMT: 5 * 3600 + 1800))
        #expect(
            expression.next(after: TestDates.utc("2026-01-01 00:00"), in: zone) == TestDates.utc("2026-01-01 21:00"))
    }
}
