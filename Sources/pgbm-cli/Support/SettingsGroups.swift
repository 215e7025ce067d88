import BackupRepository

/// The settings groups `pgbm-cli settings` shows and sets, by name.
enum SettingsGroups {
    /// Every group, in the order they are shown.
    static let all: [any SettingsGroup.Type] = [
        GeneralSettings.self, EncryptionSettings.self, S3Settings.self, NotificationSettings.self,
        RetentionSettings.self, BackupSettings.self,
    ]

    /// The group called `name`.
    /// - Throws: ``StoreError`` `invalid` naming the group and listing the valid ones.
    static func named(_ name: String) throws -> any SettingsGroup.Type {
        guard let type = all.first(where: { $0.key == name }) else {
            throw StoreError.invalid(
                field: name, "unknown settings group; expected \(all.map { $0.key }.joined(separator: ", "))")
        }
        return type
    }

    /// The group's stored fields (its defaults when never saved).
    static func document(_ type: any SettingsGroup.Type, in store: any ConfigurationStore) async throws -> SettingsDocument {
        try SettingsDocument(await store.settings(type))
    }

    /// Checks the group the document describes; the failure names `group.field`.
    static func validate(_ document: SettingsDocument, as type: any SettingsGroup.Type) throws {
        _ = try validated(document, as: type)
    }

    /// Validates and stores the group the document describes.
    static func save(_ document: SettingsDocument, as type: any SettingsGroup.Type, in store: any ConfigurationStore) async throws {
        try await store.saveSettings(validated(document, as: type))
    }

    private static func validated<Group: SettingsGroup>(
        _ document: SettingsDocument, as type: Group.Type
    ) throws -> Group {
        let value = try document.decoded(as: type)
        do {
            try value.validate()
        } catch {
            throw StoreError.invalid(field: "\(Group.key).\(error.field ?? "")", error.reason)
        }
        return value
    }
}
