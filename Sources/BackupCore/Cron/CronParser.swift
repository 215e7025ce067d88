/// Turns cron text into a ``CronPattern``; every rejection names the field, the column where the offending
/// text starts and what was expected (`Docs/SCHEDULES.md` lists the messages).
enum CronParser {
    /// A whitespace-separated piece of the text and the 1-based column of its first character.
    struct Token {
        let text: Substring
        let column: Int
    }

    /// The presets and the five fields each stands for, in the order error messages list them.
    static let presets: [(name: String, fields: String)] = [
        ("@yearly", "0 0 1 1 *"), ("@annually", "0 0 1 1 *"), ("@monthly", "0 0 1 * *"),
        ("@weekly", "0 0 * * 0"), ("@daily", "0 0 * * *"), ("@midnight", "0 0 * * *"), ("@hourly", "0 * * * *"),
    ]

    static let fieldList = "5 fields (minute hour day-of-month month day-of-week)"

    static func parse(_ text: String) throws(CronParseError) -> CronPattern {
        let tokens = tokens(of: text)
        guard let first = tokens.first else {
            throw CronParseError(
                field: .expression, position: 1,
                reason: "the expression is empty; expected \(fieldList) or a preset such as @daily")
        }
        if first.text.hasPrefix("@") { return try parsePreset(tokens) }
        guard tokens.count == 5 else { throw fieldCountError(tokens) }
        var bits: [UInt64] = []
        for (field, token) in zip(CronField.allCases, tokens) {
            bits.append(try parseField(token, field))
        }
        let pattern = CronPattern(
            minutes: bits[0], hours: bits[1], daysOfMonth: bits[2], months: bits[3], daysOfWeek: bits[4],
            dayOfMonthIsStar: tokens[2].text == "*", dayOfWeekIsStar: tokens[4].text == "*")
        try checkPossible(pattern, day: tokens[2], month: tokens[3])
        return pattern
    }

    /// The whitespace-separated tokens of `text` with their columns (counted in characters).
    static func tokens(of text: String) -> [Token] {
        var tokens: [Token] = []
        var start: String.Index?
        var startColumn = 0
        var column = 0
        for index in text.indices {
            column += 1
            if text[index].isWhitespace {
                if let begin = start { tokens.append(Token(text: text[begin..<index], column: startColumn)) }
                start = nil
            } else if start == nil {
                (start, startColumn) = (index, column)
            }
        }
        if let begin = start { tokens.append(Token(text: text[begin...], column: startColumn)) }
        return tokens
    }

    private static func fieldCountError(_ tokens: [Token]) -> CronParseError {
        let last = tokens[tokens.count - 1]
        let position = tokens.count > 5 ? tokens[5].column : last.column + last.text.count
        return CronParseError(
            field: .expression, position: position, reason: "expected \(fieldList), found \(tokens.count)")
    }

    private static func parsePreset(_ tokens: [Token]) throws(CronParseError) -> CronPattern {
        let name = tokens[0].text
        guard let preset = presets.first(where: { $0.name == name.lowercased() }) else {
            let names =
                presets.dropLast().map(\.name).joined(separator: ", ") + " or " + presets[presets.count - 1].name
            throw CronParseError(
                field: .expression, position: tokens[0].column,
                reason: "unknown preset \"\(name)\"; expected \(names)")
        }
        if tokens.count > 1 {
            throw CronParseError(
                field: .expression, position: tokens[1].column,
                reason: "unexpected \"\(tokens[1].text)\" after the preset \"\(name)\"; a preset stands alone")
        }
        return try parse(preset.fields)
    }

    /// Rejects a day-of-month that never occurs in the chosen months (only when day-of-week is `*`; with
    /// both restricted, the weekdays alone still match).
    private static func checkPossible(_ pattern: CronPattern, day: Token, month: Token) throws(CronParseError) {
        guard !pattern.dayOfMonthIsStar && pattern.dayOfWeekIsStar else { return }
        var longest = 0
        for month in 1...12 where pattern.months & (1 << UInt64(month)) != 0 {
            longest = max(longest, month == 2 ? 29 : CivilCalendar.daysInMonth(year: 2001, month: month))
        }
        guard pattern.daysOfMonth.trailingZeroBitCount > longest else { return }
        let months =
            pattern.months.nonzeroBitCount == 1
            ? "month \"\(month.text)\", which has" : "months \"\(month.text)\", which have"
        throw CronParseError(
            field: .dayOfMonth, position: day.column,
            reason: "\"\(day.text)\" never occurs in \(months) at most \(longest) days; the schedule would never run")
    }
}
