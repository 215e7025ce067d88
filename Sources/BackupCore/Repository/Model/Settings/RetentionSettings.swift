/// The global retention policy (grandfather-father-son); a database may override it.
public struct RetentionSettings: SettingsGroup {
    public static let key = "retention"
    public static var defaults: RetentionSettings { RetentionSettings() }

    public var keepLast = 7
    public var daily = 7
    public var weekly = 4
    public var monthly = 12
    public var yearly = 0

    public init() {}

    public func validate() throws(ValidationFailure) {
        for (field, value) in [("keep_last", keepLast), ("daily", daily), ("weekly", weekly), ("monthly", monthly), ("yearly", yearly)] {
            try Validate.that(value >= 0, field: field, "must not be negative")
        }
        try Validate.that(keepLast + daily + weekly + monthly + yearly > 0, field: "keep_last", "at least one bucket must keep backups")
    }
}
