import Foundation
import GRDB

extension SQLiteStore: SettingsRepository {
    public func settings<Group: SettingsGroup>(_ group: Group.Type) async throws -> Group {
        try await read { [masterKey] db in
            let json = try String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = ?", arguments: [Group.key])
            do {
                guard !Group.sealedFields.isEmpty else {
                    return try json.map { try SettingsCoding.decoder.decode(Group.self, from: Data($0.utf8)) } ?? Group.defaults
                }
                var fields = try json.map { try JSONDecoder().decode(JSONValue.self, from: Data($0.utf8)).members }
                    ?? SettingsCoding.fields(of: Group.defaults)
                for (field, name) in Group.sealedFields {
                    guard let sealed = try Self.secret(name, in: db, key: masterKey) else { continue }
                    guard let value = JSONValue(parsing: sealed.revealed) else {
                        throw StoreError(.secretsUnreadable, "the sealed \(Group.key).\(field) is not a JSON value; set it again")
                    }
                    fields[field] = value
                }
                return try SettingsCoding.decode(Group.self, from: fields)
            } catch let error as StoreError {
                throw error
            } catch {
                throw StoreError(.database, "the stored \(Group.key) settings cannot be read: \(error)")
            }
        }
    }

    /// Validates and stores the group: its document in `setting`, and each of its ``SettingsGroup/sealedFields``
    /// sealed in `secret` (removed when unset or empty), in one transaction.
    public func saveSettings<Group: SettingsGroup>(_ value: Group) async throws {
        try value.validate()
        var json = String(decoding: try SettingsCoding.encoder.encode(value), as: UTF8.self)
        var sealed: [(SecretName, Secret?)] = []
        if !Group.sealedFields.isEmpty {
            var fields = try SettingsCoding.fields(of: value)
            for (field, name) in Group.sealedFields.sorted(by: { $0.key < $1.key }) {
                let member = fields.removeValue(forKey: field)
                sealed.append((name, member.flatMap { Self.isUnset($0) ? nil : Secret($0.jsonText) }))
            }
            json = JSONValue.object(fields).jsonText
        }
        try await write { [masterKey, json, sealed] db in
            try db.execute(
                sql: "INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                arguments: [Group.key, json])
            for (name, secret) in sealed { try Self.setSecret(secret, for: name, in: db, key: masterKey) }
        }
    }

    /// A sealed field with nothing to keep: `null`, an empty string or an empty array.
    static func isUnset(_ value: JSONValue) -> Bool {
        switch value {
        case .null: true
        case .string(let text): text.isEmpty
        case .array(let items): items.isEmpty
        default: false
        }
    }

    /// Makes the installation id and fixes the backup folder as an absolute path, on first start only.
    /// - Returns: the general settings as stored.
    public func initializeInstallation(backupDirectory: String) async throws -> GeneralSettings {
        var general = try await settings(GeneralSettings.self)
        guard general.installationId.isEmpty || general.backupDirectory.isEmpty else { return general }
        if general.installationId.isEmpty { general.installationId = UUID().uuidString.lowercased() }
        if general.backupDirectory.isEmpty {
            general.backupDirectory = URL(fileURLWithPath: backupDirectory).standardizedFileURL.path
        }
        try await saveSettings(general)
        return general
    }
}
