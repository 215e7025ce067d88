/// A short English description of common schedule shapes, for the UI; `nil` for shapes it does not cover
/// (the caller then shows the expression itself).
extension CronPattern {
    static let monthNames = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
        "November", "December",
    ]
    static let weekdayNames = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]

    /// "At 02:30 on Monday", "Every 15 minutes", "At 00:00 on day 1 of the month", …
    func humanDescription() -> String? {
        guard let time = timePhrase(), let months = monthPhrase() else { return nil }
        if let single = singleDate() { return "\(time.text) on \(single)" }
        guard let days = dayPhrase() else { return nil }
        let everyDay = time.daily && days.isEmpty ? " every day" : ""
        return time.text + everyDay + days + months
    }

    /// The time of day: `daily` when it names clock times ("At 02:30"), which read better with "every day".
    private func timePhrase() -> (text: String, daily: Bool)? {
        let minuteValues = Self.values(minutes, in: 0...59)
        let hourValues = Self.values(hours, in: 0...23)
        guard let firstMinute = minuteValues.first, let lastMinute = minuteValues.last else { return nil }
        if let every = Self.interval(minuteValues, period: 60) {
            let phrase = every == 1 ? "Every minute" : "Every \(every) minutes"
            if hourValues.count == 24 { return (phrase, false) }
            guard let hoursRun = Self.run(hourValues) else { return nil }
            let window = "from \(Self.clock(hoursRun.first, firstMinute)) to \(Self.clock(hoursRun.last, lastMinute))"
            return ("\(phrase) \(window)", false)
        }
        guard minuteValues.count == 1 else {
            guard minuteValues.count * hourValues.count <= 4 else { return nil }
            let times = hourValues.flatMap { hour in minuteValues.map { Self.clock(hour, $0) } }
            return ("At " + Self.list(times), true)
        }
        let atMinute = firstMinute == 0 ? "" : " at minute \(firstMinute)"
        if hourValues.count == 24 { return ("Every hour" + atMinute, false) }
        if let every = Self.interval(hourValues, period: 24) { return ("Every \(every) hours" + atMinute, false) }
        if hourValues.count >= 3, let hoursRun = Self.run(hourValues) {
            let window = "from \(Self.clock(hoursRun.first, firstMinute)) to \(Self.clock(hoursRun.last, firstMinute))"
            return ("Every hour \(window)", false)
        }
        guard hourValues.count <= 4 else { return nil }
        return ("At " + Self.list(hourValues.map { Self.clock($0, firstMinute) }), true)
    }

    /// "January 1" for one day of one month with day-of-week `*`.
    private func singleDate() -> String? {
        guard !dayOfMonthIsStar, dayOfWeekIsStar, daysOfMonth.nonzeroBitCount == 1, months.nonzeroBitCount == 1
        else { return nil }
        return "\(Self.monthNames[months.trailingZeroBitCount - 1]) \(daysOfMonth.trailingZeroBitCount)"
    }

    /// "" (every day), " on day 1 of the month", " on Monday through Friday", or both joined with "or".
    private func dayPhrase() -> String? {
        let allDaysOfMonth = daysOfMonth == CronField.dayOfMonth.allBits
        let allWeekdays = daysOfWeek == CronField.dayOfWeek.allBits
        let useDayOfMonth = !dayOfMonthIsStar && !(dayOfWeekIsStar && allDaysOfMonth)
        let useWeekdays = !dayOfWeekIsStar && !(dayOfMonthIsStar && allWeekdays)
        if (useDayOfMonth && allDaysOfMonth) || (useWeekdays && allWeekdays) { return "" }
        var parts: [String] = []
        if useDayOfMonth {
            let days = Self.values(daysOfMonth, in: 1...31)
            guard days.count <= 4 else { return nil }
            parts.append("on day\(days.count == 1 ? "" : "s") \(Self.list(days.map(String.init))) of the month")
        }
        if useWeekdays {
            // Monday first, as people read a week.
            let names = Self.values(daysOfWeek, in: 0...6).map { ($0 + 6) % 7 }.sorted()
            let labels = [1, 2, 3, 4, 5, 6, 0].map { Self.weekdayNames[$0] }
            parts.append("on " + Self.listOrRun(names, labels: labels))
        }
        return parts.isEmpty ? "" : " " + parts.joined(separator: " or ")
    }

    /// "" (every month) or " in January and July".
    private func monthPhrase() -> String? {
        let values = Self.values(months, in: 1...12)
        if values.count == 12 { return "" }
        guard values.count <= 6 || Self.run(values) != nil else { return nil }
        return " in " + Self.listOrRun(values.map { $0 - 1 }, labels: Self.monthNames)
    }

    private static func values(_ bits: UInt64, in range: ClosedRange<Int>) -> [Int] {
        range.filter { bits & (1 << UInt64($0)) != 0 }
    }

    /// `n` when the values are 0, n, 2n, … covering the period evenly (1 for every value).
    private static func interval(_ values: [Int], period: Int) -> Int? {
        guard values.count > 1, values[0] == 0 else { return nil }
        let step = values[1]
        guard period % step == 0, values.count == period / step else { return nil }
        return values.enumerated().allSatisfy { $0.element == $0.offset * step } ? step : nil
    }

    /// The first and last of consecutive values.
    private static func run(_ values: [Int]) -> (first: Int, last: Int)? {
        guard let first = values.first, let last = values.last, last - first == values.count - 1 else { return nil }
        return (first, last)
    }

    private static func listOrRun(_ indices: [Int], labels: [String]) -> String {
        if indices.count >= 3, let run = run(indices) { return "\(labels[run.first]) through \(labels[run.last])" }
        return list(indices.map { labels[$0] })
    }

    private static func list(_ items: [String]) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " and " + items[items.count - 1]
    }

    private static func clock(_ hour: Int, _ minute: Int) -> String {
        (hour < 10 ? "0" : "") + "\(hour):" + (minute < 10 ? "0" : "") + "\(minute)"
    }
}
