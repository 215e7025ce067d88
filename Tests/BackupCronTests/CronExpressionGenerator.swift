import TestSupport

/// Random valid cron expressions for the differential tests, reproducible from a seed.
///
/// Each field is `*`, a value, a range, a step or a list of those, with month and weekday names in random
/// case, 0 and 7 for Sunday, and now and then a preset. The generator never writes ranges `a-a` or steps
/// `max/n` (croniter takes both for the whole field) nor backwards ranges (croniter wraps them, pgbm
/// rejects them). It computes each field's values, so ``Generated/croniterCorner`` can name the other
/// corners where croniter 6.0.0 differs from pgbm (`Docs/SCHEDULES.md`), which the caller leaves out.
struct CronExpressionGenerator {
    struct Generated {
        let text: String
        /// Why croniter 6.0.0 would disagree on purpose or by a bug, or `nil`.
        let croniterCorner: String?
    }

    private struct Spec {
        let low: Int
        let high: Int
        let stepEnd: Int
        let names: [String]
        let nameBase: Int
        let full: Set<Int>
    }

    private static let specs = [
        Spec(low: 0, high: 59, stepEnd: 59, names: [], nameBase: 0, full: Set(0...59)),
        Spec(low: 0, high: 23, stepEnd: 23, names: [], nameBase: 0, full: Set(0...23)),
        Spec(low: 1, high: 31, stepEnd: 31, names: [], nameBase: 0, full: Set(1...31)),
        Spec(
            low: 1, high: 12, stepEnd: 12,
            names: ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"],
            nameBase: 1, full: Set(1...12)),
        Spec(
            low: 0, high: 7, stepEnd: 6, names: ["sun", "mon", "tue", "wed", "thu", "fri", "sat"], nameBase: 0,
            full: Set(0...6)),
    ]

    private static let presets = ["@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly"]

    var random: SplitMix64

    init(seed: UInt64) { random = SplitMix64(seed: seed) }

    mutating func next() -> Generated {
        if chance(4) {
            let preset = Self.presets[int(0..<Self.presets.count)]
            return Generated(text: chance(30) ? preset.uppercased() : preset, croniterCorner: nil)
        }
        var texts: [String] = []
        var sets: [Set<Int>] = []
        for spec in Self.specs {
            let (text, values) = field(spec)
            texts.append(text)
            sets.append(values)
        }
        let separator = chance(5) ? "  " : " "
        return Generated(text: texts.joined(separator: separator), croniterCorner: Self.croniterCorner(texts, sets))
    }

    /// The corners where croniter 6.0.0 and pgbm differ for generated expressions.
    private static func croniterCorner(_ texts: [String], _ sets: [Set<Int>]) -> String? {
        let (dayText, weekdayText) = (texts[2], texts[4])
        let (days, months) = (sets[2], sets[3])
        if isFullDayCorner(full: days == specs[2].full, text: dayText, other: weekdayText)
            || isFullDayCorner(full: sets[4] == specs[4].full, text: weekdayText, other: dayText)
        {
            // croniter treats a day field listing every value as `*` when the other one contains a `*`.
            return "full day field"
        }
        guard dayText != "*", let first = days.min(), let last = days.max() else { return nil }
        if weekdayText != "*", first > months.map({ $0 == 2 ? 29 : CronExpressionGenerator.daysIn($0) }).max() ?? 31 {
            // croniter fails ("failed to find next date") when day-of-month alone can never match.
            return "impossible day-of-month with weekdays"
        }
        if last - first >= 29 {
            // croniter bug: searching from a day after the last match of a short month, it jumps ahead by
            // (listed day − today) days and overshoots the first days of the next month (`0 0 */5 * *`
            // after 2026-02-26 gives 2026-03-06, skipping 03-01).
            return "short month overshoot"
        }
        return nil
    }

    private static func daysIn(_ month: Int) -> Int {
        [4, 6, 9, 11].contains(month) ? 30 : 31
    }

    private static func isFullDayCorner(full: Bool, text: String, other: String) -> Bool {
        full && text != "*" && other != "*" && other.contains("*")
    }

    private mutating func field(_ spec: Spec) -> (String, Set<Int>) {
        if chance(35) { return ("*", spec.full) }
        let count = chance(70) ? 1 : int(2..<5)
        var parts: [String] = []
        var values: Set<Int> = []
        for _ in 0..<count {
            let (text, elementValues) = element(spec)
            parts.append(text)
            values.formUnion(elementValues)
        }
        return (parts.joined(separator: ","), values)
    }

    private mutating func element(_ spec: Spec) -> (String, Set<Int>) {
        switch int(0..<4) {
        case 0:
            let value = int(spec.low..<(spec.high + 1))
            return (name(value, spec), Self.values(value, value, 1, spec))
        case 1:
            let low = int(spec.low..<spec.high)
            let high = int((low + 1)..<(spec.high + 1))
            return ("\(name(low, spec))-\(name(high, spec))", Self.values(low, high, 1, spec))
        default:
            return step(spec)
        }
    }

    private mutating func step(_ spec: Spec) -> (String, Set<Int>) {
        let step = int(1..<(spec.stepEnd - spec.low + 3))
        switch int(0..<3) {
        case 0:
            return ("*/\(step)", Self.values(spec.low, spec.stepEnd, step, spec))
        case 1:
            let low = int(spec.low..<spec.high)
            let high = int((low + 1)..<(spec.high + 1))
            return ("\(name(low, spec))-\(name(high, spec))/\(step)", Self.values(low, high, step, spec))
        default:
            // Not `max/step`: croniter reads it as `max-max/step`, which it takes for the whole field.
            var start = int(spec.low..<spec.high)
            if start == spec.stepEnd { start = spec.high }
            let from = spec.names.count == 7 && start == 7 ? 0 : start
            return ("\(name(start, spec))/\(step)", Self.values(from, max(from, spec.stepEnd), step, spec))
        }
    }

    private static func values(_ low: Int, _ high: Int, _ step: Int, _ spec: Spec) -> Set<Int> {
        Set(stride(from: low, through: high, by: step).map { spec.names.count == 7 && $0 == 7 ? 0 : $0 })
    }

    /// The value as a number or, a third of the time where the field has names, as a name in random case.
    private mutating func name(_ value: Int, _ spec: Spec) -> String {
        let index = value - spec.nameBase
        guard index >= 0, index < spec.names.count, chance(33) else { return String(value) }
        return String(spec.names[index].map { chance(50) ? Character($0.uppercased()) : $0 })
    }

    private mutating func chance(_ percent: Int) -> Bool { int(0..<100) < percent }

    private mutating func int(_ range: Range<Int>) -> Int {
        range.lowerBound + Int(random.next() % UInt64(range.count))
    }
}
