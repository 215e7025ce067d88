import Foundation

/// A JSON value of any shape: the fields of a settings group, and audit details.
///
/// ```swift
/// JSONValue(parsing: "14")        // .integer(14)
/// JSONValue(parsing: "Berlin")    // nil: not JSON, so a setting takes it as a string
/// JSONValue.string("a").jsonText  // "\"a\""
/// ```
enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case integer(Int)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// `text` read as JSON (fragments too: `14`, `true`, `null`, `"a"`); `nil` when it is not JSON.
    init?(parsing text: String) {
        guard let value = try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)) else { return nil }
        self = value
    }

    /// Compact JSON text with sorted keys.
    var jsonText: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "null"
    }

    /// For `key = value` lines: a string that would not read back as JSON is shown bare
    /// (`Europe/Berlin`), everything else as JSON (`""`, `"14"`, `14`, `["a"]`, `null`), so the text
    /// can be given to `settings set` again.
    var displayText: String {
        if case .string(let text) = self, !text.isEmpty, JSONValue(parsing: text) == nil, text == text.trimmed {
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

extension JSONValue: Codable {
    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int.self) {
            self = .integer(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .integer(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }
}

extension JSONValue {
    /// Any encodable value as JSON (with the CLI's snake_case keys and ISO-8601 dates).
    init(encoding value: some Encodable) throws {
        self = try JSONDecoder().decode(JSONValue.self, from: CLIOutput.encoder.encode(value))
    }

    /// The members of an object; empty for other values.
    var members: [String: JSONValue] {
        if case .object(let members) = self { return members }
        return [:]
    }
}

extension String {
    fileprivate var trimmed: String { trimmingCharacters(in: .whitespacesAndNewlines) }
}
