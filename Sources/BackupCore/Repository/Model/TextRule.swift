/// What a text field may hold: at most ``maximum`` characters or bytes, and no control character. Every
/// text pgbm stores or hands to another program is checked against one of these rules, by the model's
/// `validate()` or the use case that takes it, so the API, `pgbm-cli` and an embedding program are held to
/// the same limits (`Docs/SECURITY.md` › Limits of text fields lists them).
///
/// Control characters are the Unicode category `Cc`: U+0000–U+001F, U+007F and U+0080–U+009F. No field
/// accepts them: a NUL byte ends the string for every C library pgbm passes it to (libpq, bcrypt,
/// `execve`), and a line break or escape sequence in a name, host or URL has no legitimate use.
///
/// ```swift
/// try TextRule.host.check("db1.internal", field: "host")   // passes
/// try TextRule.host.check("db1\u{0}.evil", field: "host")   // StoreError invalid: host: must not contain control characters (U+0000 at position 4)
/// ```
public struct TextRule: Sendable, Hashable {
    /// How ``maximum`` is counted.
    public enum Unit: String, Sendable {
        /// Characters as people count them (extended grapheme clusters).
        case characters
        /// UTF-8 bytes, as the receiving protocol counts them.
        case bytes
    }

    /// The kind of text, as `Docs/SECURITY.md` names it (`host`, `secret`, …).
    public let kind: String
    /// The longest accepted value, in ``unit``.
    public let maximum: Int
    public let unit: Unit

    /// A rule; the predefined ones cover every field pgbm has.
    public init(kind: String, maximum: Int, unit: Unit = .bytes) {
        self.kind = kind
        self.maximum = maximum
        self.unit = unit
    }

    /// Display names: a database's `name`, an API token's `name`.
    public static let name = TextRule(kind: "name", maximum: 100, unit: .characters)
    /// PostgreSQL database and role names (`NAMEDATALEN` − 1: longer names are cut by the server).
    public static let postgresName = TextRule(kind: "PostgreSQL name", maximum: 63)
    /// Host names, IP addresses and socket folders (a DNS name has at most 253 bytes).
    public static let host = TextRule(kind: "host", maximum: 255)
    /// libpq `options` (`-c statement_timeout=0 …`).
    public static let options = TextRule(kind: "options", maximum: 1024)
    /// File and folder paths (`PATH_MAX`).
    public static let path = TextRule(kind: "path", maximum: 4096)
    /// http(s) URLs: webhooks, the heartbeat, endpoints, the public base URL.
    public static let url = TextRule(kind: "URL", maximum: 2048)
    /// S3 object keys and key prefixes (S3 allows 1024 bytes).
    public static let objectKey = TextRule(kind: "object key", maximum: 1024)
    /// Other one-line values: cron expressions, time zones, bucket names, regions, access key ids, email
    /// addresses, user names of mail servers, ids.
    public static let shortText = TextRule(kind: "short text", maximum: 255)
    /// Passwords and keys pgbm passes on: database passwords, S3 and SES secret keys, the SMTP password,
    /// backup passphrases.
    public static let secret = TextRule(kind: "secret", maximum: 1024)

    /// Every rule, in the order `Docs/SECURITY.md` lists them.
    public static let all: [TextRule] = [name, postgresName, host, options, path, url, objectKey, shortText, secret]

    /// Checks `value`; the message never repeats it (it may be a secret).
    /// - Throws: `StoreError` `invalid` naming `field`: a control character (with its code point and
    ///   position), or a value longer than ``maximum``.
    public func check(_ value: String, field: String) throws(StoreError) {
        if let (scalar, position) = Self.controlCharacter(in: value) {
            throw StoreError.invalid(field: field, Self.controlMessage(scalar, at: position))
        }
        let length = unit == .bytes ? value.utf8.count : value.count
        if length > maximum {
            throw StoreError.invalid(field: field, "must be at most \(maximum) \(unit.rawValue), got \(length)")
        }
    }

    /// Checks `value` when there is one.
    public func check(_ value: String?, field: String) throws(StoreError) {
        if let value { try check(value, field: field) }
    }

    /// The first control character of `value` and its position (1-based, in Unicode scalars), or `nil`.
    public static func controlCharacter(in value: String) -> (scalar: Unicode.Scalar, position: Int)? {
        for (offset, scalar) in value.unicodeScalars.enumerated() where scalar.properties.generalCategory == .control {
            return (scalar, offset + 1)
        }
        return nil
    }

    /// `must not contain control characters (U+0000 at position 4)`.
    public static func controlMessage(_ scalar: Unicode.Scalar, at position: Int) -> String {
        "must not contain control characters (\(codePoint(scalar)) at position \(position))"
    }

    /// A value quoted for a message about it: at most 40 characters, control characters as `\u{…}`.
    /// For values that are not secret (an unknown `ssl_mode`, role or setting) only.
    public static func quote(_ value: String) -> String {
        var text = ""
        for character in value.prefix(40) {
            for scalar in character.unicodeScalars {
                text += scalar.properties.generalCategory == .control ? "\\u{\(String(scalar.value, radix: 16))}" : String(scalar)
            }
        }
        return "\"" + text + (value.count > 40 ? "…\"" : "\"")
    }

    private static func codePoint(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}
