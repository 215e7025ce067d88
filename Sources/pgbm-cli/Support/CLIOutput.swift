import BackupAPIModels
import Foundation

/// How the store commands print: JSON for scripts, plain text for people.
///
/// The JSON is the API's: the same response types (BackupAPIModels) written by the same coder
/// (``APIJSON``: snake_case keys, ISO-8601 dates in UTC, sorted keys), indented.
enum CLIOutput {
    /// `value` as indented JSON text, as the API writes it.
    static func json(_ value: some Encodable) throws -> String {
        String(decoding: try APIJSON.encoder(prettyPrinted: true).encode(value), as: UTF8.self)
    }

    /// A date as ISO-8601 in UTC (`2026-03-29T01:00:00Z`), or `-` for none.
    static func date(_ date: Date?) -> String {
        date.map { $0.ISO8601Format() } ?? "-"
    }
}
