import BackupCore
import Foundation

/// A slow, obviously-correct retention written from the rules in RETENTION.md with Foundation's
/// `Calendar`, to check `Retention.plan` against on random histories.
enum RetentionReference {
    /// The decisions the rules call for, in plan order.
    static func plan(
        _ items: [RetentionItem], policy: RetentionPolicy, timeZone: TimeZone, now: Date
    ) -> [RetentionDecision] {
        RetentionItem.Location.allCases.flatMap { location in
            planLocation(items.filter { $0.location == location }, policy: policy, timeZone: timeZone, now: now)
        }
    }

    static func planLocation(
        _ items: [RetentionItem], policy: RetentionPolicy, timeZone: TimeZone, now: Date
    ) -> [RetentionDecision] {
        let sorted = items.sorted { ($0.createdAt, $0.id) > ($1.createdAt, $1.id) }
        if max(policy.keepLast, policy.daily, policy.weekly, policy.monthly, policy.yearly) <= 0 {
            return sorted.map { RetentionDecision(item: $0, keep: true, reasons: ["policy has no rules"]) }
        }
        let successes = sorted.filter { $0.succeeded && $0.createdAt <= now }
        var reasons: [String: [String]] = [:]
        for (rank, item) in successes.prefix(max(policy.keepLast, 0)).enumerated() {
            reasons[item.id, default: []].append("keep-last \(rank + 1)")
        }
        let rules = [
            ("daily", policy.daily), ("weekly", policy.weekly), ("monthly", policy.monthly), ("yearly", policy.yearly),
        ]
        for (rule, count) in rules {
            var periods: [String] = []
            for item in successes {
                let period = label(rule, item.createdAt, timeZone)
                if periods.count < count && !periods.contains(period) {
                    periods.append(period)
                    reasons[item.id, default: []].append("\(rule) \(period)")
                }
            }
        }
        if let newest = successes.first { reasons[newest.id, default: []].append("newest success") }
        return sorted.map { item in
            if item.createdAt > now { return RetentionDecision(item: item, keep: true, reasons: ["newer than now"]) }
            if !item.succeeded {
                let superseded = successes.contains { ($0.createdAt, $0.id) > (item.createdAt, item.id) }
                return superseded
                    ? RetentionDecision(
                        item: item, keep: false, reasons: ["failed, superseded by a newer successful backup"])
                    : RetentionDecision(item: item, keep: true, reasons: ["failed, no newer success"])
            }
            let why = reasons[item.id] ?? []
            return RetentionDecision(
                item: item, keep: !why.isEmpty, reasons: why.isEmpty ? ["not kept by the policy"] : why)
        }
    }

    /// The period label of an instant for a rule, from Foundation's calendars.
    static func label(_ rule: String, _ date: Date, _ timeZone: TimeZone) -> String {
        var calendar = Calendar(identifier: rule == "weekly" ? .iso8601 : .gregorian)
        calendar.timeZone = timeZone
        let c = calendar.dateComponents([.year, .month, .day, .yearForWeekOfYear, .weekOfYear], from: date)
        let year = c.year ?? 0
        let month = c.month ?? 0
        switch rule {
        case "daily": return "\(pad(year, 4))-\(pad(month, 2))-\(pad(c.day ?? 0, 2))"
        case "weekly": return "\(pad(c.yearForWeekOfYear ?? 0, 4))-W\(pad(c.weekOfYear ?? 0, 2))"
        case "monthly": return "\(pad(year, 4))-\(pad(month, 2))"
        default: return pad(year, 4)
        }
    }

    /// A non-negative number with leading zeros up to `width` digits.
    static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
