import Foundation

/// A JSON value with ordered object keys, written with literals, for the hand-written OpenAPI document.
///
/// ```swift
/// let schema: OpenAPIValue = ["type": "object", "properties": ["id": ["type": "integer"]]]
/// ```
indirect enum OpenAPIValue: Sendable, Equatable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    case string(String)
    case int(Int)
    case bool(Bool)
    case array([OpenAPIValue])
    case object([(String, OpenAPIValue)])

    init(stringLiteral value: String) { self = .string(value) }
    init(integerLiteral value: Int) { self = .int(value) }
    init(booleanLiteral value: Bool) { self = .bool(value) }
    init(arrayLiteral elements: OpenAPIValue...) { self = .array(elements) }
    init(dictionaryLiteral elements: (String, OpenAPIValue)...) { self = .object(elements) }

    static func == (lhs: OpenAPIValue, rhs: OpenAPIValue) -> Bool {
        lhs.jsonText() == rhs.jsonText()
    }

    /// The members of an object (empty for other values).
    var members: [(String, OpenAPIValue)] {
        if case .object(let members) = self { return members }
        return []
    }

    /// The member `key` of an object.
    subscript(key: String) -> OpenAPIValue? {
        members.first { $0.0 == key }?.1
    }

    /// An object with `other`'s members added (replacing members of the same name).
    func merging(_ other: OpenAPIValue) -> OpenAPIValue {
        var result = members.filter { key, _ in other[key] == nil }
        result.append(contentsOf: other.members)
        return .object(result)
    }

    /// Compact JSON text, keys in the order written.
    func jsonText() -> String {
        var text = ""
        write(into: &text)
        return text
    }

    private func write(into text: inout String) {
        switch self {
        case .string(let value): text += Self.quoted(value)
        case .int(let value): text += String(value)
        case .bool(let value): text += value ? "true" : "false"
        case .array(let values):
            text += "["
            for (index, value) in values.enumerated() {
                if index > 0 { text += "," }
                value.write(into: &text)
            }
            text += "]"
        case .object(let members):
            text += "{"
            for (index, (key, value)) in members.enumerated() {
                if index > 0 { text += "," }
                text += Self.quoted(key) + ":"
                value.write(into: &text)
            }
            text += "}"
        }
    }

    private static func quoted(_ value: String) -> String {
        let data = (try? JSONEncoder().encode(value)) ?? Data("\"\"".utf8)
        return String(decoding: data, as: UTF8.self).replacingOccurrences(of: "\\/", with: "/")
    }
}
