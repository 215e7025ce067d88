/// A secret value (password, key, passphrase) that does not show itself.
///
/// `description`, `debugDescription`, `dump` and JSON encoding all give `"<redacted>"`; the value is
/// reached only through ``revealed``, so every place that uses it is visible in the code.
///
/// ```swift
/// let password = Secret("s3cr3t")
/// print(password)              // <redacted>
/// connect(password: password.revealed)
/// ```
public struct Secret: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable, Encodable {
    /// The secret itself. Pass it on only to where it is used; never log or return it.
    public let revealed: String

    /// Wraps a value.
    public init(_ value: String) {
        revealed = value
    }

    public var description: String { "<redacted>" }
    public var debugDescription: String { "<redacted>" }
    public var customMirror: Mirror { Mirror(self, children: ["value": "<redacted>"]) }

    /// Encodes as the string `"<redacted>"`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode("<redacted>")
    }
}
