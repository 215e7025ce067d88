import Foundation

/// Readable UTC instants for test tables: `"2026-03-29 01:00"`.
enum TestDates {
    static func utc(_ text: String) -> Date {
        let numbers = text.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
        var components = DateComponents()
        (components.year, components.month, components.day) = (numbers[0], numbers[1], numbers[2])
        (components.hour, components.minute) = (numbers[3], numbers[4])
        components.second = numbers.count > 5 ? numbers[5] : 0
        return calendar.date(from: components)!
    }

    static func format(_ date: Date) -> String {
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        var text = String(
            format: "%04d-%02d-%02d %02d:%02d", parts.year!, parts.month!, parts.day!, parts.hour!, parts.minute!)
        if parts.second != 0 { text += String(format: ":%02d", parts.second!) }
        return text
    }

    static func format(_ dates: [Date]) -> [String] { dates.map { format($0) } }

    static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()

    static let utcZone = TimeZone(identifier: "UTC")!
}
