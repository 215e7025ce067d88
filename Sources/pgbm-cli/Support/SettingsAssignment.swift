import BackupRepository

/// One `group.key=value` argument of `settings set`.
struct SettingsAssignment: Sendable, Equatable {
    let group: String
    let key: String
    /// The value as typed; read as JSON when it is JSON, else as a string.
    let value: String

    /// Splits `text` at its first `=` and the part before at its first `.`.
    /// - Throws: ``StoreError`` `invalid` naming the argument when it has no `=` or no `.`.
    init(parsing text: String) throws {
        guard let equals = text.firstIndex(of: "="), let dot = text[..<equals].firstIndex(of: ".") else {
            throw StoreError.invalid(field: text, "expected group.key=value, e.g. retention.daily=14")
        }
        group = String(text[..<dot])
        key = String(text[text.index(after: dot)..<equals])
        value = String(text[text.index(after: equals)...])
    }
}
