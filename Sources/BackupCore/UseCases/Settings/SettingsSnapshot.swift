public import BackupRepository
import Foundation

/// Every settings section as `GET /api/config/settings` and `pgbm-cli settings show --json` show it:
/// secrets and write-only fields only as `<name>_set` (and `webhook_url_count`), passphrases with
/// `active`.
public struct SettingsSnapshot: Sendable, Equatable, Encodable {
    /// The sections by name, each a JSON object of its fields.
    public let sections: [String: JSONValue]

    /// Reads every section from `store`.
    static func load(_ store: any ConfigurationStore) async throws -> SettingsSnapshot {
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
        return SettingsSnapshot(sections: sections)
    }

    private static func isSet(_ value: JSONValue?) -> Bool {
        switch value {
        case .string(let text): !text.isEmpty
        case .array(let items): !items.isEmpty
        case .none, .null: false
        default: true
        }
    }

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

    /// Encodes as the object of sections.
    public func encode(to encoder: any Encoder) throws {
        try sections.encode(to: encoder)
    }
}
