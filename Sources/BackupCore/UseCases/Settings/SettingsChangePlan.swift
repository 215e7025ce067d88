import BackupRepository

/// A settings update checked as a whole before anything is written: every section given is merged over
/// its stored fields, decoded and validated, and the secrets a section needs are present; only then are
/// the sections and secrets saved. One refused field changes nothing.
struct SettingsChangePlan: Sendable {
    /// What one section's update changed, for the audit log.
    struct Change: Sendable {
        let section: String
        /// Changed fields with old and new values; write-only fields only as `changed`.
        let fields: [String: JSONValue]
        /// Secrets written: `set` or `removed`.
        let secrets: [String: String]
    }

    let changes: [Change]
    private let saves: [@Sendable (any SettingsRepository) async throws -> Void]
    private let secretWrites: [(SecretName, Secret?)]

    /// Plans `sections` (section name → the fields to change, `null` to unset) against `store`.
    init(_ sections: [String: [String: JSONValue]], store: any ConfigurationStore) async throws {
        for name in sections.keys.sorted() { _ = try SettingsSection.named(name) }
        let stored = Set(try await store.secretNames())
        var saves: [@Sendable (any SettingsRepository) async throws -> Void] = []
        var secretWrites: [(SecretName, Secret?)] = []
        var changes: [Change] = []
        for section in SettingsSection.all {
            guard let given = sections[section.name] else { continue }
            let before = try await section.stored(store)
            let after = try section.merge(given, over: before)
            let save = try section.check(after)
            try Self.keepBackupDirectory(section, given: given, after: after)
            let secrets = try Self.secrets(given, of: section)
            try Self.requireSecrets(section, after: after, writes: secrets, stored: stored)
            var fields = AuditTrail.changes(from: before, to: after)
            for key in section.writeOnly where fields[key] != nil { fields[key] = .string("changed") }
            if !fields.isEmpty { saves.append(save) }
            secretWrites += secrets.map { (section.secrets[$0.key]!, $0.value) }
            if !fields.isEmpty || !secrets.isEmpty {
                changes.append(Change(section: section.name, fields: fields, secrets: secrets.mapValues { $0 == nil ? "removed" : "set" }))
            }
        }
        self.changes = changes
        self.saves = saves
        self.secretWrites = secretWrites
    }

    /// Writes the planned sections and secrets.
    func apply(to store: any ConfigurationStore) async throws {
        for save in saves { try await save(store) }
        for (name, value) in secretWrites { try await store.setSecret(value, for: name) }
    }

    private static func secrets(_ given: [String: JSONValue], of section: SettingsSection) throws -> [String: Secret?] {
        var result: [String: Secret?] = [:]
        for (key, value) in given where section.secrets[key] != nil {
            switch value {
            case .string(let text) where !text.isEmpty:
                try TextRule.secret.check(text, field: "\(section.name).\(key)")
                result[key] = .some(Secret(text))
            case .string, .null: result[key] = .some(nil)
            default: throw StoreError.invalid(field: "\(section.name).\(key)", "must be a string, or null to remove it")
            }
        }
        return result
    }

    private static func keepBackupDirectory(
        _ section: SettingsSection, given: [String: JSONValue], after: [String: JSONValue]
    ) throws(StoreError) {
        guard section.name == GeneralSettings.key, given["backup_directory"] != nil else { return }
        guard case .string(let path)? = after["backup_directory"], !path.isEmpty else {
            throw StoreError.invalid(field: "general.backup_directory", "must not be empty: backups are written there")
        }
    }

    private static func requireSecrets(
        _ section: SettingsSection, after: [String: JSONValue], writes: [String: Secret?], stored: Set<SecretName>
    ) throws {
        let needed: [(key: String, when: Bool, why: String)] = [
            ("secret_key", section.name == S3Settings.key && after["enabled"] == .bool(true), "while S3 is enabled"),
            (
                "ses_secret_key",
                section.name == NotificationSettings.key && after["email_transport"] == .string("ses"),
                "while email goes through SES"
            ),
        ]
        for need in needed where need.when {
            guard let name = section.secrets[need.key] else { continue }
            let present = writes[need.key].map { $0 != nil } ?? stored.contains(name)
            if !present { throw StoreError.invalid(field: "\(section.name).\(need.key)", "is required \(need.why)") }
        }
    }
}
