import BackupRepository
import Foundation
import Hummingbird

/// `GET /api/config/settings`: every section as stored, each secret and write-only field replaced by
/// `<name>_set`, the passphrases listed by id with the active one marked.
struct SettingsView: ResponseEncodable, Sendable {
    let sections: [String: JSONValue]

    /// Reads every section from `store` (nothing is decrypted: secrets are known by name).
    static func load(_ store: any ConfigurationStore) async throws -> SettingsView {
        let stored = Set(try await store.secretNames())
        var sections: [String: JSONValue] = [:]
        for section in SettingsSection.all {
            var fields = try await section.stored(store)
            for key in section.writeOnly {
                let value = fields.removeValue(forKey: key)
                fields[key + "_set"] = .bool(isSet(value))
                if case .array(let items) = value {
                    fields[key.replacingOccurrences(of: "_urls", with: "_url") + "_count"] = .integer(items.count)
                }
            }
            for (key, name) in section.secrets {
                fields[key + "_set"] = .bool(stored.contains(name))
            }
            if section.name == EncryptionSettings.key { markActive(&fields) }
            sections[section.name] = .object(fields)
        }
        return SettingsView(sections: sections)
    }

    /// A write-only field is set when it holds a non-empty string or list.
    private static func isSet(_ value: JSONValue?) -> Bool {
        switch value {
        case .string(let text): !text.isEmpty
        case .array(let items): !items.isEmpty
        case .none, .null: false
        default: true
        }
    }

    /// Adds `active` to each passphrase of the encryption section.
    private static func markActive(_ fields: inout [String: JSONValue]) {
        guard case .array(let passphrases) = fields["passphrases"] else { return }
        let active = fields["active_passphrase_id"]
        fields["passphrases"] = .array(
            passphrases.map { entry in
                var members = entry.members
                members["active"] = .bool(members["id"] == active)
                return .object(members)
            })
    }

    func encode(to encoder: any Encoder) throws {
        try sections.encode(to: encoder)
    }
}
