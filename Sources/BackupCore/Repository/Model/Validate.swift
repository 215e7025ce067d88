import Foundation

/// The checks the model types share; each failure is a ``StoreError/Code/invalid`` naming the field.
enum Validate {
    static func that(_ condition: Bool, field: String, _ message: @autoclosure () -> String) throws(StoreError) {
        if !condition { throw StoreError.invalid(field: field, message()) }
    }

    static func nonEmpty(_ value: String, field: String) throws(StoreError) {
        try that(!value.trimmingCharacters(in: .whitespaces).isEmpty, field: field, "must not be empty")
    }

    static func httpURL(_ value: String, field: String) throws(StoreError) {
        try that(value.hasPrefix("http://") || value.hasPrefix("https://"), field: field, "\"\(value)\" is not an http(s) URL")
    }

    static func timeZone(_ identifier: String, field: String) throws(StoreError) {
        try that(TimeZone(identifier: identifier) != nil, field: field, "\"\(identifier)\" is not an IANA time zone like Europe/Berlin")
    }
}
