public import BackupRepository
import Foundation

/// One settings section as the API and the command line edit it: its name, its fields, which of them are
/// secrets (stored encrypted, write-only), write-only (shown as `<name>_set`) or read-only. The one
/// registry of the sections; ``all`` is their order everywhere.
public struct SettingsSection: Sendable {
    /// `general`, `backup`, `s3`, `encryption`, `notifications` or `retention`.
    public let name: String
    /// Fields that are secrets, by field name (`secret_key` → the S3 secret key).
    public let secrets: [String: SecretName]
    /// Fields that are never shown, only whether they are set (`webhook_urls`, `heartbeat_url`).
    public let writeOnly: Set<String>
    /// Fields that cannot be changed (`installation_id`, `passphrases`).
    public let readOnly: Set<String>
    /// Every field, set or not.
    public let keys: Set<String>
    let stored: @Sendable (any SettingsRepository) async throws -> [String: JSONValue]
    let check: @Sendable ([String: JSONValue]) throws -> @Sendable (any SettingsRepository) async throws -> Void
    let decodes: @Sendable ([String: JSONValue]) throws -> Void

    /// Every section, in the order they are shown.
    public static let all: [SettingsSection] = [
        make(GeneralSettings.self, readOnly: ["installation_id"]),
        make(BackupSettings.self),
        make(S3Settings.self, secrets: ["secret_key": .s3SecretKey]),
        make(EncryptionSettings.self, readOnly: ["passphrases"]),
        make(
            NotificationSettings.self, secrets: ["smtp_password": .smtpPassword, "ses_secret_key": .sesSecretKey],
            writeOnly: ["webhook_urls", "heartbeat_url"]),
        make(RetentionSettings.self),
    ]

    /// The section called `name`.
    /// - Throws: `StoreError` `invalid` naming it, with the known sections.
    public static func named(_ name: String) throws -> SettingsSection {
        guard let section = all.first(where: { $0.name == name }) else {
            throw StoreError.invalid(field: name, "unknown settings section; known: \(all.map(\.name).joined(separator: ", "))")
        }
        return section
    }

    private static func make<Group: SettingsGroup>(
        _ type: Group.Type, secrets: [String: SecretName] = [:], writeOnly: Set<String> = [], readOnly: Set<String> = []
    ) -> SettingsSection {
        SettingsSection(
            name: Group.key, secrets: secrets, writeOnly: writeOnly, readOnly: readOnly,
            keys: Set((try? SettingsCoding.fields(of: Group.defaults))?.keys.map { $0 } ?? [])
                .union(SettingsCoding.unsetKeys(of: Group.defaults)),
            stored: { store in try SettingsCoding.fields(of: try await store.settings(Group.self)) },
            check: { members in
                let value = try SettingsSection.decode(Group.self, from: members, section: Group.key)
                try SettingsSection.validate(value, section: Group.key)
                return { store in try await store.saveSettings(value) }
            },
            decodes: { members in _ = try SettingsSection.decode(Group.self, from: members, section: Group.key) })
    }

    /// `changes` over `fields`: unknown and read-only fields are refused, `null` unsets a field, secrets
    /// are left out (they are written apart).
    func merge(_ changes: [String: JSONValue], over fields: [String: JSONValue]) throws -> [String: JSONValue] {
        var merged = fields
        for (key, value) in changes.sorted(by: { $0.key < $1.key }) where secrets[key] == nil {
            guard keys.contains(key) else {
                let known = (keys.subtracting(readOnly).union(secrets.keys)).sorted().joined(separator: ", ")
                throw StoreError.invalid(field: "\(name).\(key)", "unknown setting; known: \(known)")
            }
            guard !readOnly.contains(key) else { throw StoreError.invalid(field: "\(name).\(key)", "is read-only") }
            merged[key] = value == .null ? nil : value
        }
        return merged
    }

    /// A command line's text for `key` as a value: JSON when it reads as JSON of the field's type, else
    /// the text as a string (`bucket=123` is the bucket "123").
    /// - Throws: `StoreError` `invalid` naming the field when neither fits.
    func value(of text: String, for key: String, over fields: [String: JSONValue]) throws -> JSONValue {
        guard secrets[key] == nil else { return .string(text) }
        _ = try merge([key: .null], over: fields)  // an unknown or read-only field is refused as such
        var failure: StoreError?
        for candidate in [JSONValue(parsing: text), .string(text)].compactMap({ $0 }) {
            do {
                try decodes(try merge([key: candidate], over: fields))
                return candidate
            } catch let error as StoreError where error.code == .invalid && error.field == "\(name).\(key)" {
                failure = failure ?? error
            }
        }
        let shown = writeOnly.contains(key) ? "the value" : TextRule.quote(text)  // a write-only URL may hold a token
        throw StoreError.invalid(field: "\(name).\(key)", "\(shown) is not valid here: \(failure?.reason ?? "unreadable")")
    }

    static func validate<Group: SettingsGroup>(_ value: Group, section: String) throws(StoreError) {
        do {
            try value.validate()
        } catch {
            throw StoreError.invalid(field: "\(section).\(error.field ?? "")", error.reason)
        }
    }

    static func decode<Group: SettingsGroup>(
        _ type: Group.Type, from members: [String: JSONValue], section: String
    ) throws -> Group {
        do {
            return try SettingsCoding.decode(Group.self, from: members)
        } catch let error as DecodingError {
            let (field, reason) = DecodingFailure.describe(error)
            throw StoreError.invalid(field: field.map { "\(section).\($0)" } ?? section, reason)
        }
    }
}
