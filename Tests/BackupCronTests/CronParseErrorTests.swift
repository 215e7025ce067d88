import BackupCron
import Testing

struct CronParseErrorTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let text: String
        let field: CronParseError.Field
        let position: Int
        let reason: String
        var testDescription: String { "\"\(text)\"" }
    }

    static let fieldList = "5 fields (minute hour day-of-month month day-of-week)"
    static let stepExpected = "expected a whole number of at least 1"

    static let cases: [Case] = [
        // The expression as a whole
        Case(
            text: "", field: .expression, position: 1,
            reason: "the expression is empty; expected \(fieldList) or a preset such as @daily"),
        Case(
            text: "  \t ", field: .expression, position: 1,
            reason: "the expression is empty; expected \(fieldList) or a preset such as @daily"),
        Case(text: "* * * *", field: .expression, position: 8, reason: "expected \(fieldList), found 4"),
        Case(text: "0 0 * * * 2026", field: .expression, position: 11, reason: "expected \(fieldList), found 6"),
        Case(
            text: "@sometimes", field: .expression, position: 1,
            reason:
                "unknown preset \"@sometimes\"; expected @yearly, @annually, @monthly, @weekly, @daily, @midnight or @hourly"
        ),
        Case(
            text: "@daily 5", field: .expression, position: 8,
            reason: "unexpected \"5\" after the preset \"@daily\"; a preset stands alone"),
        // Lists
        Case(
            text: "1,,2 * * * *", field: .minute, position: 3,
            reason: "empty list element; expected a value, a range or a step between commas"),
        Case(
            text: "0 0 1, * *", field: .dayOfMonth, position: 7,
            reason: "empty list element; expected a value, a range or a step between commas"),
        // Ranges
        Case(
            text: "0 5-2 * * *", field: .hour, position: 3,
            reason: "range \"5-2\" starts after it ends; expected start ≤ end"),
        Case(
            text: "0 0 * * FRI-MON", field: .dayOfWeek, position: 9,
            reason: "range \"FRI-MON\" starts after it ends; expected start ≤ end"),
        Case(text: "-5 * * * *", field: .minute, position: 1, reason: "range \"-5\" has no start; expected 0–59"),
        Case(text: "5- * * * *", field: .minute, position: 1, reason: "range \"5-\" has no end; expected 0–59"),
        Case(
            text: "*-5 * * * *", field: .minute, position: 1,
            reason: "\"*-5\" is not valid; * stands alone or before a step, as in */15"),
        // Steps
        Case(text: "*/0 * * * *", field: .minute, position: 3, reason: "\"0\" is not a valid step; \(stepExpected)"),
        Case(text: "0 1-10/x * * *", field: .hour, position: 8, reason: "\"x\" is not a valid step; \(stepExpected)"),
        Case(
            text: "0 0 */-2 * *", field: .dayOfMonth, position: 7, reason: "\"-2\" is not a valid step; \(stepExpected)"
        ),
        Case(text: "1-5/ * * * *", field: .minute, position: 5, reason: "missing step after \"/\"; \(stepExpected)"),
        // Values out of range
        Case(text: "60 * * * *", field: .minute, position: 1, reason: "\"60\" is out of range 0–59"),
        Case(text: "0 24 * * *", field: .hour, position: 3, reason: "\"24\" is out of range 0–23"),
        Case(text: "0 0 0 * *", field: .dayOfMonth, position: 5, reason: "\"0\" is out of range 1–31"),
        Case(text: "0 0 1-32 * *", field: .dayOfMonth, position: 7, reason: "\"32\" is out of range 1–31"),
        Case(text: "0 0 * 13 *", field: .month, position: 7, reason: "\"13\" is out of range 1–12"),
        Case(text: "0 0 * * 8", field: .dayOfWeek, position: 9, reason: "\"8\" is out of range 0–7"),
        Case(text: "0 0 * * 1-8", field: .dayOfWeek, position: 11, reason: "\"8\" is out of range 0–7"),
        Case(text: "99999999999 * * * *", field: .minute, position: 1, reason: "\"99999999999\" is out of range 0–59"),
        // Names
        Case(text: "0 0 * FOO *", field: .month, position: 7, reason: "unknown name \"FOO\"; expected 1–12 or JAN–DEC"),
        Case(
            text: "0 0 * * foo", field: .dayOfWeek, position: 9, reason: "unknown name \"foo\"; expected 0–7 or SUN–SAT"
        ),
        Case(text: "0 0 * MON *", field: .month, position: 7, reason: "unknown name \"MON\"; expected 1–12 or JAN–DEC"),
        Case(
            text: "0 0 * * MONDAY", field: .dayOfWeek, position: 9,
            reason: "unknown name \"MONDAY\"; expected 0–7 or SUN–SAT"),
        Case(text: "x * * * *", field: .minute, position: 1, reason: "\"x\" is not a number; expected 0–59"),
        Case(text: "0 JAN * * *", field: .hour, position: 3, reason: "\"JAN\" is not a number; expected 0–23"),
        Case(text: "0 0 L * *", field: .dayOfMonth, position: 5, reason: "\"L\" is not a number; expected 1–31"),
        // Impossible dates
        Case(
            text: "0 0 30 2 *", field: .dayOfMonth, position: 5,
            reason: "\"30\" never occurs in month \"2\", which has at most 29 days; the schedule would never run"),
        Case(
            text: "0 0 31 4,6,9,11 *", field: .dayOfMonth, position: 5,
            reason:
                "\"31\" never occurs in months \"4,6,9,11\", which have at most 30 days; the schedule would never run"),
        Case(
            text: "0 0 30,31 FEB *", field: .dayOfMonth, position: 5,
            reason: "\"30,31\" never occurs in month \"FEB\", which has at most 29 days; the schedule would never run"),
        // Columns count the text as given, leading whitespace and tabs included
        Case(text: "  0 0 * * 8", field: .dayOfWeek, position: 11, reason: "\"8\" is out of range 0–7"),
        Case(text: "0\t0  * * 8", field: .dayOfWeek, position: 10, reason: "\"8\" is out of range 0–7"),
    ]

    @Test(arguments: cases)
    func rejectsWithFieldPositionAndReason(_ testCase: Case) {
        // When the text is parsed, then the error names the field, the column and what was expected
        #expect(throws: CronParseError(field: testCase.field, position: testCase.position, reason: testCase.reason)) {
            try CronExpression(parsing: testCase.text)
        }
    }

    @Test func descriptionShowsFieldColumnAndReason() {
        let error = CronParseError(field: .dayOfWeek, position: 9, reason: "\"8\" is out of range 0–7")
        #expect(error.description == "day-of-week (column 9): \"8\" is out of range 0–7")
        #expect(CronParseError.Field.dayOfMonth.rawValue == "day-of-month")
    }

    @Test(arguments: ["0 0 30 2 MON", "0 0 31 4 *,1", "0 0 29 2 *"])
    func acceptsDatesThatCanOccur(text: String) throws {
        // Day 30 never occurs in February, but with both day fields restricted the weekdays still match
        _ = try CronExpression(parsing: text)
    }
}
