import BackupRepository
import Foundation
import HTTPTypes

/// `PUT /api/config/settings`: a partial update by section. Every section given is merged over the stored
/// one, decoded and validated, and every secret checked, before anything is stored; then the changed
/// sections and secrets are saved.
///
/// Secrets: an absent secret keeps the stored one; a string sets it; `null` or `""` removes it (refused
/// where the section needs it: `s3.secret_key` while S3 is enabled, `notifications.ses_secret_key` while
/// email goes through SES).
struct SettingsUpdate: Sendable {
    /// What changed in one section, for the audit log (names only, never values).
    struct Change: Sendable {
        let section: String
        let fields: [String]
        let secrets: [String: String]
    }

    /// The body: section name → the fields to change.
    let sections: [String: [String: JSONValue]]

    /// Reads the body: a JSON object of section objects.
    /// - Throws: 400 when it is not an object; 422 naming an unknown section or one that is not an object.
    init(body: Data) throws {
        guard case .object(let root)? = try? JSONDecoder().decode(JSONValue.self, from: body) else {
            throw APIError(
                .badRequest, code: .invalidJSON, message: "the body must be a JSON object of settings sections")
        }
        var sections: [String: [String: JSONValue]] = [:]
        for (name, value) in root {
            guard SettingsSection.named(name) != nil else {
                let known = SettingsSection.all.map(\.name).joined(separator: ", ")
                throw APIError.invalid(field: name, "unknown settings section; known: \(known)")
            }
            guard case .object(let fields) = value else { throw APIError.invalid(field: name, "must be an object") }
            sections[name] = fields
        }
        self.sections = sections
    }

    /// Checks every section, then stores what changed.
    /// - Returns: the changes made, section by section.
    /// - Throws: ``APIError`` 422 naming the first invalid field; nothing is stored then.
    func apply(to store: any ConfigurationStore) async throws -> [Change] {
        let stored = Set(try await store.secretNames())
        var saves: [@Sendable (any ConfigurationStore) async throws -> Void] = []
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
            let fields = Set(before.keys).union(after.keys).filter { before[$0] != after[$0] }.sorted()
            if !fields.isEmpty { saves.append(save) }
            secretWrites += secrets.map { (section.secrets[$0.key]!, $0.value) }
            if !fields.isEmpty || !secrets.isEmpty {
                changes.append(
                    Change(
                        section: section.name, fields: fields,
                        secrets: secrets.mapValues { $0 == nil ? "removed" : "set" }))
            }
        }
        for save in saves { try await save(store) }
        for (name, value) in secretWrites { try await store.setSecret(value, for: name) }
        return changes
    }

    /// The secrets `given` sets (a value) or removes (`nil`), by their key in the section.
    private static func secrets(_ given: [String: JSONValue], of section: SettingsSection) throws -> [String: Secret?] {
        var result: [String: Secret?] = [:]
        for (key, value) in given where section.secrets[key] != nil {
            switch value {
            case .string(let text) where !text.isEmpty: result[key] = .some(Secret(text))
            case .string, .null: result[key] = .some(nil)
            default: throw APIError.invalid(field: "\(section.name).\(key)", "must be a string, or null to remove it")
            }
        }
        return result
    }

    /// Refuses to unset the backup folder (`""` or `null`): backups would fail and the stored files could
    /// no longer be downloaded until a restart set it again. Moving it to another absolute path is allowed.
    private static func keepBackupDirectory(
        _ section: SettingsSection, given: [String: JSONValue], after: [String: JSONValue]
    ) throws(APIError) {
        guard section.name == GeneralSettings.key, given["backup_directory"] != nil else { return }
        guard case .string(let path)? = after["backup_directory"], !path.isEmpty else {
            throw APIError.invalid(field: "general.backup_directory", "must not be empty: backups are written there")
        }
    }

    /// Refuses to leave a section that needs a secret without it.
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
            if !present { throw APIError.invalid(field: "\(section.name).\(need.key)", "is required \(need.why)") }
        }
    }
}
