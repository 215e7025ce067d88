import BackupAPIModels
import BackupRepository
import Foundation

extension JSONValue {
    /// Any encodable value as JSON, as the API writes it (snake_case keys, ISO-8601 dates).
    init(encoding value: some Encodable) throws {
        self = try JSONDecoder().decode(JSONValue.self, from: APIJSON.encoder().encode(value))
    }

    /// For `key = value` lines: a string that would not read back as JSON is shown bare
    /// (`Europe/Berlin`), everything else as JSON (`""`, `"14"`, `14`, `["a"]`, `null`), so the text
    /// can be given to `settings set` again.
    var displayText: String {
        if case .string(let text) = self, !text.isEmpty, JSONValue(parsing: text) == nil,
            text == text.trimmingCharacters(in: .whitespacesAndNewlines)
        {
            return text
        }
        return jsonText
    }

    /// The keys whose values differ between two objects, each as `{"from": old, "to": new}`.
    static func changes(from old: [String: JSONValue], to new: [String: JSONValue]) -> [String: JSONValue] {
        var changes: [String: JSONValue] = [:]
        for key in Set(old.keys).union(new.keys) where old[key] != new[key] {
            changes[key] = .object(["from": old[key] ?? .null, "to": new[key] ?? .null])
        }
        return changes
    }
}
