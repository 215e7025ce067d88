import BackupCore
import Foundation
import Testing

/// Builders for retention tests: dates from ISO-8601 text, items named like pgbm's backup files.
enum RetentionFixture {
    /// The instant written as `yyyy-MM-ddTHH:mm:ssZ` (or with an offset).
    static func date(_ text: String) throws -> Date {
        try #require(ISO8601DateFormatter().date(from: text), "not an ISO-8601 date: \(text)")
    }

    /// A zone by IANA name.
    static func zone(_ identifier: String) throws -> TimeZone {
        try #require(TimeZone(identifier: identifier), "unknown zone \(identifier)")
    }

    /// The file name pgbm gives a backup taken at `date` (`app_20261126T020000Z.dump`).
    static func fileName(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        return "app_\(formatter.string(from: date)).dump"
    }

    /// An item at an ISO-8601 instant, named after it.
    static func item(
        _ text: String, succeeded: Bool = true, location: RetentionItem.Location = .local, size: Int64? = nil
    ) throws -> RetentionItem {
        let date = try date(text)
        return RetentionItem(
            id: fileName(date), createdAt: date, succeeded: succeeded, location: location, sizeBytes: size)
    }

    /// One item per day at `time` (UTC) from `first` through `last` (`yyyy-MM-dd`), newest last.
    static func daily(
        from first: String, through last: String, at time: String = "02:00:00", succeeded: Bool = true,
        location: RetentionItem.Location = .local, size: Int64? = nil
    ) throws -> [RetentionItem] {
        let start = try date("\(first)T\(time)Z")
        let end = try date("\(last)T\(time)Z")
        return stride(from: start.timeIntervalSince1970, through: end.timeIntervalSince1970, by: 86_400).map {
            let date = Date(timeIntervalSince1970: $0)
            return RetentionItem(
                id: fileName(date), createdAt: date, succeeded: succeeded, location: location, sizeBytes: size)
        }
    }

    /// The `yyyy-MM-dd` (UTC) of each decision's item, in plan order.
    static func days(_ decisions: [RetentionDecision]) -> [String] {
        decisions.map { String($0.item.id.dropFirst(4).prefix(8)) }.map {
            "\($0.prefix(4))-\($0.dropFirst(4).prefix(2))-\($0.suffix(2))"
        }
    }

    /// The decision about the item with this id.
    static func decision(_ plan: RetentionPlan, _ id: String) throws -> RetentionDecision {
        try #require(plan.decisions.first { $0.item.id == id }, "no decision for \(id)")
    }

    /// The decision about the local item taken at an ISO-8601 instant.
    static func decision(_ plan: RetentionPlan, at text: String) throws -> RetentionDecision {
        try decision(plan, fileName(date(text)))
    }
}
