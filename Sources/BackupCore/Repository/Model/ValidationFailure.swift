public import Foundation

/// A value failed validation: names the field and what is expected.
public struct ValidationFailure: Error, Equatable, Sendable, CustomStringConvertible {
    /// The field, in the API's snake_case (`port`, `ssl_mode`).
    public let field: String
    /// What is expected, as a sentence fragment (`must be between 1 and 65535, got 0`).
    public let message: String

    /// Creates a failure.
    public init(field: String, _ message: String) {
        self.field = field
        self.message = message
    }

    public var description: String { "\(field): \(message)" }
}

enum Validate {
    static func that(_ condition: Bool, field: String, _ message: @autoclosure () -> String) throws(ValidationFailure) {
        if !condition { throw ValidationFailure(field: field, message()) }
    }

    static func nonEmpty(_ value: String, field: String) throws(ValidationFailure) {
        try that(!value.trimmingCharacters(in: .whitespaces).isEmpty, field: field, "must not be empty")
    }

    static func httpURL(_ value: String, field: String) throws(ValidationFailure) {
        try that(value.hasPrefix("http://") || value.hasPrefix("https://"), field: field, "\"\(value)\" is not an http(s) URL")
    }

    static func timeZone(_ identifier: String, field: String) throws(ValidationFailure) {
        try that(TimeZone(identifier: identifier) != nil, field: field, "\"\(identifier)\" is not an IANA time zone like Europe/Berlin")
    }
}
