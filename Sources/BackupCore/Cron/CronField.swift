/// The five fields of a cron expression and what each accepts.
enum CronField: Int, CaseIterable, Sendable {
    case minute, hour, dayOfMonth, month, dayOfWeek

    /// The values the field accepts; day-of-week accepts 7 as a second Sunday.
    var range: ClosedRange<Int> {
        switch self {
        case .minute: 0...59
        case .hour: 0...23
        case .dayOfMonth: 1...31
        case .month: 1...12
        case .dayOfWeek: 0...7
        }
    }

    /// Where `*` and `a/step` end: the field's maximum, except 6 (Saturday) for day-of-week, as croniter.
    var stepEnd: Int {
        self == .dayOfWeek ? 6 : range.upperBound
    }

    /// The three-letter names the field accepts (upper case), the first one standing for `nameBase`.
    var names: [String] {
        switch self {
        case .month: ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]
        case .dayOfWeek: ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"]
        default: []
        }
    }

    /// The value of the first name.
    var nameBase: Int {
        self == .month ? 1 : 0
    }

    var errorField: CronParseError.Field {
        switch self {
        case .minute: .minute
        case .hour: .hour
        case .dayOfMonth: .dayOfMonth
        case .month: .month
        case .dayOfWeek: .dayOfWeek
        }
    }

    /// What a value may look like, for error messages: `0–59`, `1–12 or JAN–DEC`.
    var expectedValues: String {
        let numbers = "\(range.lowerBound)–\(range.upperBound)"
        guard let first = names.first, let last = names.last else { return numbers }
        return "\(numbers) or \(first)–\(last)"
    }

    /// The bit for a value: bit `value`, except day-of-week 7, which is Sunday's bit 0.
    func bit(for value: Int) -> UInt64 {
        (self == .dayOfWeek && value == 7) ? 1 : UInt64(1) << UInt64(value)
    }

    /// Every value of the field as bits (day-of-week: bits 0–6).
    var allBits: UInt64 {
        var bits: UInt64 = 0
        for value in range { bits |= bit(for: value) }
        return bits
    }
}
