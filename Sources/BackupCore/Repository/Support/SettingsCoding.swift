package import Foundation

/// How settings groups are stored (snake_case keys, ISO-8601 dates), and their fields as JSON members:
/// shared by the store, the CLI's `settings` commands and the API's settings routes.
///
/// ```swift
/// let fields = try SettingsCoding.fields(of: retention)          // ["daily": 7, …]
/// let unset = SettingsCoding.unsetKeys(of: general)              // ["public_base_url"]
/// let group = try SettingsCoding.decode(RetentionSettings.self, from: fields)
/// ```
package enum SettingsCoding {
    /// The stored encoding: snake_case keys, ISO-8601 dates, sorted keys.
    package static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = .sortedKeys
        return encoder
    }

    /// The stored decoding.
    package static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }

    /// The set fields of `value` as the store keeps them.
    package static func fields(of value: some Encodable) throws -> [String: JSONValue] {
        try JSONDecoder().decode(JSONValue.self, from: encoder.encode(value)).members
    }

    /// `fields` decoded as `type`, as the store would read them.
    package static func decode<Value: Decodable>(_ type: Value.Type, from fields: [String: JSONValue]) throws -> Value {
        try decoder.decode(Value.self, from: JSONEncoder().encode(JSONValue.object(fields)))
    }

    /// The stored keys of the optional properties of `value` that are `nil` (their keys are not encoded;
    /// `Mirror` finds them and the encoder's key conversion names them: `publicBaseURL` → `public_base_url`).
    package static func unsetKeys(of value: some Encodable) -> [String] {
        Mirror(reflecting: value).children.compactMap { child -> String? in
            let inner = Mirror(reflecting: child.value)
            guard let label = child.label, inner.displayStyle == .optional, inner.children.isEmpty else { return nil }
            let probe = try? JSONDecoder().decode([String: Int].self, from: encoder.encode(KeyProbe(name: label)))
            return probe?.keys.first ?? label
        }
    }
}

/// Encodes `{name: 0}` through a keyed container, so the encoder's key strategy converts `name`.
private struct KeyProbe: Encodable {
    struct Key: CodingKey {
        let stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    let name: String

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(0, forKey: Key(stringValue: name))
    }
}
