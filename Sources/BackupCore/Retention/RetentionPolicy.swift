/// How many backups retention keeps: the newest N, plus the newest backup in each of the most recent
/// daily, weekly (ISO-8601), monthly and yearly periods that contain a successful backup (GFS).
///
/// A count of 0 turns a rule off. A policy whose rules are all off keeps everything (see `isEmpty`).
/// Counts below 0 act as 0; decoding refuses them.
///
/// ```swift
/// let policy = RetentionPolicy(keepLast: 3, daily: 7, weekly: 4, monthly: 12)
/// print(policy)   // keep-last 3, daily 7, weekly 4, monthly 12
/// ```
public struct RetentionPolicy: Sendable, Equatable {
    /// Keep the N newest successful backups.
    public var keepLast: Int
    /// Keep the newest successful backup of each of the D most recent days that have one.
    public var daily: Int
    /// Keep the newest successful backup of each of the W most recent ISO weeks that have one.
    public var weekly: Int
    /// Keep the newest successful backup of each of the M most recent months that have one.
    public var monthly: Int
    /// Keep the newest successful backup of each of the Y most recent years that have one.
    public var yearly: Int

    /// A policy; every rule is off unless given.
    ///
    /// - Parameters:
    ///   - keepLast: the newest N successful backups are kept.
    ///   - daily: days (in the retention time zone) whose newest successful backup is kept.
    ///   - weekly: ISO weeks whose newest successful backup is kept.
    ///   - monthly: months whose newest successful backup is kept.
    ///   - yearly: years whose newest successful backup is kept.
    public init(keepLast: Int = 0, daily: Int = 0, weekly: Int = 0, monthly: Int = 0, yearly: Int = 0) {
        self.keepLast = keepLast
        self.daily = daily
        self.weekly = weekly
        self.monthly = monthly
        self.yearly = yearly
    }

    /// True when no rule is on (every count is 0 or less). Such a policy deletes nothing: an unset policy
    /// must never mean "delete all but the newest backup".
    public var isEmpty: Bool {
        max(keepLast, daily, weekly, monthly, yearly) <= 0
    }
}

extension RetentionPolicy: CustomStringConvertible {
    /// The rules that are on, e.g. `keep-last 3, daily 7, weekly 4`, or `no rules`.
    public var description: String {
        let rules = [
            ("keep-last", keepLast), ("daily", daily), ("weekly", weekly), ("monthly", monthly), ("yearly", yearly),
        ]
        let parts = rules.filter { $0.1 > 0 }.map { "\($0.0) \($0.1)" }
        return parts.isEmpty ? "no rules" : parts.joined(separator: ", ")
    }
}

extension RetentionPolicy: Codable {
    private enum CodingKeys: String, CodingKey {
        case keepLast, daily, weekly, monthly, yearly
    }

    /// Decodes a policy; a missing count is 0 and a negative count is an error.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        func count(_ key: CodingKeys) throws -> Int {
            let value = try container.decodeIfPresent(Int.self, forKey: key) ?? 0
            guard value >= 0 else {
                throw DecodingError.dataCorruptedError(
                    forKey: key, in: container, debugDescription: "\(key.stringValue) must be 0 or more, got \(value)")
            }
            return value
        }
        self.init(
            keepLast: try count(.keepLast), daily: try count(.daily), weekly: try count(.weekly),
            monthly: try count(.monthly), yearly: try count(.yearly))
    }

    /// Encodes all five counts.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(keepLast, forKey: .keepLast)
        try container.encode(daily, forKey: .daily)
        try container.encode(weekly, forKey: .weekly)
        try container.encode(monthly, forKey: .monthly)
        try container.encode(yearly, forKey: .yearly)
    }
}
