/// A calendar bucket rule of a retention policy: which period a local day falls in, and its label.
///
/// Keys increase with time, so the walk from the newest backup to the oldest meets each period's newest
/// backup first. Labels are what users see in reasons (`daily 2026-11-20`, `weekly 2026-W47`,
/// `monthly 2026-11`, `yearly 2026`).
enum RetentionRule: Sendable, CaseIterable {
    case daily, weekly, monthly, yearly

    /// The rule's name as it starts a reason.
    var name: String {
        switch self {
        case .daily: "daily"
        case .weekly: "weekly"
        case .monthly: "monthly"
        case .yearly: "yearly"
        }
    }

    /// How many periods of this rule a policy keeps (negative counts keep none).
    func limit(in policy: RetentionPolicy) -> Int {
        let count =
            switch self {
            case .daily: policy.daily
            case .weekly: policy.weekly
            case .monthly: policy.monthly
            case .yearly: policy.yearly
            }
        return max(count, 0)
    }

    /// A number identifying the period that holds a local day.
    ///
    /// - Parameters:
    ///   - day: the local day number (days since 1970-01-01).
    ///   - date: the same day as a calendar date.
    func key(day: Int, date: CivilDate) -> Int {
        switch self {
        case .daily: day
        case .weekly: CivilDate.isoWeekIndex(ofDay: day)
        case .monthly: date.year * 12 + date.month - 1
        case .yearly: date.year
        }
    }

    /// The reason given to the backup kept for the period that holds a local day.
    func reason(day: Int) -> String {
        let date = CivilDate(dayNumber: day)
        let year = Self.padded(date.year, 4)
        switch self {
        case .daily:
            return "daily \(year)-\(Self.padded(date.month, 2))-\(Self.padded(date.day, 2))"
        case .weekly:
            let week = date.isoWeek
            return "weekly \(Self.padded(week.year, 4))-W\(Self.padded(week.week, 2))"
        case .monthly:
            return "monthly \(year)-\(Self.padded(date.month, 2))"
        case .yearly:
            return "yearly \(year)"
        }
    }

    /// A number with leading zeros up to a width (a minus sign comes first).
    static func padded(_ value: Int, _ width: Int) -> String {
        let digits = String(value.magnitude)
        let zeros = String(repeating: "0", count: max(width - digits.count, 0))
        return (value < 0 ? "-" : "") + zeros + digits
    }
}
