public import Foundation

/// When a database is backed up: a cron expression in an IANA time zone.
public struct Schedule: Sendable, Equatable, Codable, Identifiable {
    public var id: Int64?
    public var databaseId: Int64
    /// Five-field cron expression or preset (`@daily`).
    public var cron: String
    public var timeZone: String
    public var enabled: Bool
    public var nextRunAt: Date?
    public var lastRunAt: Date?
    public var createdAt: Date

    /// Creates an enabled schedule.
    public init(databaseId: Int64, cron: String, timeZone: String = "UTC", enabled: Bool = true, createdAt: Date = Date()) {
        self.databaseId = databaseId
        self.cron = cron
        self.timeZone = timeZone
        self.enabled = enabled
        self.createdAt = createdAt
    }

    /// Checks the fields that can be checked without the cron module: a non-empty cron of at most 255
    /// bytes without control characters (``TextRule/shortText``), a known time zone.
    public func validate() throws(StoreError) {
        try TextRule.shortText.check(cron, field: "cron")
        try Validate.nonEmpty(cron, field: "cron")
        try Validate.timeZone(timeZone, field: "timezone")
    }
}
