import BackupAPIModels
import BackupRepository
import Foundation

extension JSONValue {
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
}
