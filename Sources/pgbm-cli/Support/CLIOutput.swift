import Foundation

/// How the store commands print: JSON for scripts, plain text for people.
enum CLIOutput {
    /// snake_case keys, ISO-8601 dates in UTC, sorted keys.
    static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// `value` as pretty-printed JSON text.
    static func json(_ value: some Encodable) throws -> String {
        String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// A date as ISO-8601 in UTC (`2026-03-29T01:00:00Z`), or `-` for none.
    static func date(_ date: Date?) -> String {
        date.map { $0.ISO8601Format() } ?? "-"
    }
}
