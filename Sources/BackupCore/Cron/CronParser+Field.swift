/// Parsing one field: a comma-separated list of `*`, values, ranges and steps.
extension CronParser {
    static func parseField(_ token: Token, _ field: CronField) throws(CronParseError) -> UInt64 {
        var bits: UInt64 = 0
        var column = token.column
        for element in token.text.split(separator: ",", omittingEmptySubsequences: false) {
            bits |= try parseElement(element, column: column, field)
            column += element.count + 1
        }
        return bits
    }

    /// One list element: `*`, `v`, `a-b`, each optionally followed by `/step` (`v/step` runs from v to the
    /// field's step end).
    private static func parseElement(
        _ element: Substring, column: Int, _ field: CronField
    ) throws(CronParseError) -> UInt64 {
        guard !element.isEmpty else {
            throw CronParseError(
                field: field.errorField, position: column,
                reason: "empty list element; expected a value, a range or a step between commas")
        }
        let slash = element.firstIndex(of: "/")
        let base = element[..<(slash ?? element.endIndex)]
        var step = 1
        if let slash {
            step = try parseStep(element[element.index(after: slash)...], column: column + base.count + 1, field)
        }
        let (low, high) = try parseBase(base, column: column, field, hasStep: slash != nil)
        var bits: UInt64 = 0
        for value in stride(from: low, through: high, by: step) { bits |= field.bit(for: value) }
        return bits
    }

    /// The first and last value of `*`, `v` or `a-b`.
    private static func parseBase(
        _ base: Substring, column: Int, _ field: CronField, hasStep: Bool
    ) throws(CronParseError) -> (Int, Int) {
        func failure(_ reason: String) -> CronParseError {
            CronParseError(field: field.errorField, position: column, reason: reason)
        }
        if base == "*" { return (field.range.lowerBound, field.stepEnd) }
        if base.contains("*") {
            throw failure("\"\(base)\" is not valid; * stands alone or before a step, as in */15")
        }
        guard let dash = base.firstIndex(of: "-") else {
            let value = try parseValue(base, column: column, field)
            guard hasStep else { return (value, value) }
            let start = field == .dayOfWeek && value == 7 ? 0 : value
            return (start, max(start, field.stepEnd))
        }
        let startText = base[..<dash]
        let endText = base[base.index(after: dash)...]
        guard !startText.isEmpty else {
            throw failure("range \"\(base)\" has no start; expected \(field.expectedValues)")
        }
        guard !endText.isEmpty else { throw failure("range \"\(base)\" has no end; expected \(field.expectedValues)") }
        let low = try parseValue(startText, column: column, field)
        let high = try parseValue(endText, column: column + startText.count + 1, field)
        guard low <= high else { throw failure("range \"\(base)\" starts after it ends; expected start ≤ end") }
        return (low, high)
    }

    /// A number in the field's range, or (month, day-of-week) a three-letter name in any case.
    private static func parseValue(_ text: Substring, column: Int, _ field: CronField) throws(CronParseError) -> Int {
        func failure(_ reason: String) -> CronParseError {
            CronParseError(field: field.errorField, position: column, reason: reason)
        }
        if isDigits(text) {
            guard text.count <= 4, let value = Int(text), field.range.contains(value) else {
                throw failure("\"\(text)\" is out of range \(field.range.lowerBound)–\(field.range.upperBound)")
            }
            return value
        }
        guard !field.names.isEmpty else {
            throw failure("\"\(text)\" is not a number; expected \(field.expectedValues)")
        }
        guard let index = field.names.firstIndex(of: text.uppercased()) else {
            throw failure("unknown name \"\(text)\"; expected \(field.expectedValues)")
        }
        return field.nameBase + index
    }

    private static func parseStep(_ text: Substring, column: Int, _ field: CronField) throws(CronParseError) -> Int {
        let expected = "expected a whole number of at least 1"
        guard !text.isEmpty else {
            throw CronParseError(
                field: field.errorField, position: column, reason: "missing step after \"/\"; \(expected)")
        }
        // A step beyond every field's width behaves like any other too-large step: only the start matches.
        guard isDigits(text), let step = text.count <= 9 ? Int(text) : 1_000_000_000, step >= 1 else {
            throw CronParseError(
                field: field.errorField, position: column, reason: "\"\(text)\" is not a valid step; \(expected)")
        }
        return step
    }

    private static func isDigits(_ text: Substring) -> Bool {
        !text.isEmpty && text.allSatisfy { $0.isASCII && $0.isNumber }
    }
}
