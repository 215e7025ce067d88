import Foundation

/// The checks the model types share; each failure is a ``StoreError/Code/invalid`` naming the field.
enum Validate {
    static func that(_ condition: Bool, field: String, _ message: @autoclosure () -> String) throws(StoreError) {
        if !condition { throw StoreError.invalid(field: field, message()) }
    }

    static func nonEmpty(_ value: String, field: String) throws(StoreError) {
        try that(!value.trimmingCharacters(in: .whitespaces).isEmpty, field: field, "must not be empty")
    }

    /// An http(s) URL within ``TextRule/url``; the message does not repeat the value (webhook and heartbeat
    /// URLs are write-only: their path often holds a token).
    static func httpURL(_ value: String, field: String) throws(StoreError) {
        try TextRule.url.check(value, field: field)
        try that(value.hasPrefix("http://") || value.hasPrefix("https://"), field: field, "must be an http:// or https:// URL")
    }

    static func timeZone(_ identifier: String, field: String) throws(StoreError) {
        try TextRule.shortText.check(identifier, field: field)
        try that(TimeZone(identifier: identifier) != nil, field: field, "\"\(identifier)\" is not an IANA time zone like Europe/Berlin")
    }
}
