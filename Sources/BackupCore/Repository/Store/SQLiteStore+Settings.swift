import Foundation
import GRDB

extension SQLiteStore: SettingsRepository {
    public func settings<Group: SettingsGroup>(_ group: Group.Type) async throws -> Group {
        try await read { db in
            guard let json = try String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = ?", arguments: [Group.key]) else {
                return Group.defaults
            }
            do {
                return try SettingsCoding.decoder.decode(Group.self, from: Data(json.utf8))
            } catch {
                throw StoreError(.database, "the stored \(Group.key) settings cannot be read: \(error)")
            }
        }
    }

    public func saveSettings<Group: SettingsGroup>(_ value: Group) async throws {
        try value.validate()
        let json = String(decoding: try SettingsCoding.encoder.encode(value), as: UTF8.self)
        try await write { db in
            try db.execute(
                sql: "INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                arguments: [Group.key, json])
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
