import Foundation

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

    public func validate() throws(StoreError) {
        for (field, value) in [("keep_last", keepLast), ("daily", daily), ("weekly", weekly), ("monthly", monthly), ("yearly", yearly)] {
            try Validate.that(value >= 0, field: field, "must not be negative")
        }
        try Validate.that(keepLast + daily + weekly + monthly + yearly > 0, field: "keep_last", "at least one bucket must keep backups")
    }
}

extension RetentionSettings {
    /// The keys a database's retention override may set.
    public static let overrideKeys = ["keep_last", "daily", "weekly", "monthly", "yearly"]

    /// This policy with a database's override applied: a JSON object setting some of ``overrideKeys``
    /// (`{"daily": 30}`); the keys it leaves out keep this policy's values.
    /// - Throws: ``StoreError`` `invalid` for `retention_override` naming the bad key or value.
    public func applying(override json: String) throws(StoreError) -> RetentionSettings {
        let field = "retention_override"
        guard let object = try? JSONDecoder().decode([String: OverrideValue].self, from: Data(json.utf8)) else {
            throw StoreError.invalid(field: field, #"must be a JSON object like {"daily": 30, "weekly": 8}"#)
        }
        var result = self
        for (key, value) in object.sorted(by: { $0.key < $1.key }) {
            guard Self.overrideKeys.contains(key) else {
                throw StoreError.invalid(field: field, "unknown key \"\(key)\"; expected one of \(Self.overrideKeys.joined(separator: ", "))")
            }
            guard case .number(let number) = value, number >= 0 else {
                throw StoreError.invalid(field: field, "\"\(key)\" must be a whole number of at least 0")
            }
            result.set(key, number)
        }
        do {
            try result.validate()
        } catch {
            throw StoreError.invalid(field: field, error.reason)
        }
        return result
    }

    private mutating func set(_ key: String, _ value: Int) {
        switch key {
        case "keep_last": keepLast = value
        case "daily": daily = value
        case "weekly": weekly = value
        case "monthly": monthly = value
        default: yearly = value
        }
    }
}

/// One value of a retention override: a whole number, or anything else (refused with a message).
private enum OverrideValue: Decodable {
    case number(Int)
    case other

    init(from decoder: any Decoder) throws {
        self = (try? decoder.singleValueContainer().decode(Int.self)).map(OverrideValue.number) ?? .other
    }
}
