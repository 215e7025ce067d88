import BackupRepository
import Foundation

/// One section of `GET/PUT /api/config/settings`: a stored settings group, the secrets that belong to
/// it (write-only: `<name>_set` in responses), its write-only plain fields and its read-only ones.
///
/// ```swift
/// let s3 = SettingsSection.all.first { $0.name == "s3" }!
/// let fields = try s3.stored(store)            // the group as JSON members, secrets not included
/// let checked = try s3.merge(["bucket": .string("b")], over: fields)   // decoded and validated
/// ```
struct SettingsSection: Sendable {
    /// The section's (and stored group's) name: `general`, `s3`, ….
    let name: String
    /// Secrets set through this section, by their key in the request (`secret_key`).
    let secrets: [String: SecretName]
    /// Fields of the group that responses never show (URLs holding tokens); `<key>_set` instead.
    let writeOnly: Set<String>
    /// Fields only pgbm changes (the installation id, the passphrase list).
    let readOnly: Set<String>
    /// Every field of the group, set or not.
    let keys: Set<String>
    /// The stored group as JSON members (unset optionals absent).
    let stored: @Sendable (any ConfigurationStore) async throws -> [String: JSONValue]
    /// Decodes and validates members as the group; the returned closure saves it.
    let check: @Sendable ([String: JSONValue]) throws -> @Sendable (any ConfigurationStore) async throws -> Void

    /// The sections in the order responses list them.
    static let all: [SettingsSection] = [
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
    static func named(_ name: String) -> SettingsSection? {
        all.first { $0.name == name }
    }

    private static func make<Group: SettingsGroup>(
        _ type: Group.Type, secrets: [String: SecretName] = [:], writeOnly: Set<String> = [], readOnly: Set<String> = []
    ) -> SettingsSection {
        SettingsSection(
            name: Group.key, secrets: secrets, writeOnly: writeOnly, readOnly: readOnly,
            keys: fieldKeys(of: Group.defaults),
            stored: { store in try await SettingsSection.members(of: try store.settings(Group.self)) },
            check: { members in
                let value = try SettingsSection.decode(Group.self, from: members, section: Group.key)
                try SettingsSection.validate(value, section: Group.key)
                return { store in try await store.saveSettings(value) }
            })
    }

    /// Merges `changes` over `fields` (a `null` unsets an optional field) and checks the result.
    /// - Throws: ``APIError`` 422 naming `section.key` for an unknown, read-only, mistyped or invalid field.
    func merge(_ changes: [String: JSONValue], over fields: [String: JSONValue]) throws -> [String: JSONValue] {
        var merged = fields
        for (key, value) in changes.sorted(by: { $0.key < $1.key }) where secrets[key] == nil {
            guard keys.contains(key) else {
                let known = (keys.subtracting(readOnly).union(secrets.keys)).sorted().joined(separator: ", ")
                throw APIError.invalid(field: "\(name).\(key)", "unknown setting; known: \(known)")
            }
            guard !readOnly.contains(key) else { throw APIError.invalid(field: "\(name).\(key)", "is read-only") }
            merged[key] = value == .null ? nil : value
        }
        return merged
    }

    /// Validates `value`; a failure is a 422 naming `section.field`.
    static func validate<Group: SettingsGroup>(_ value: Group, section: String) throws(APIError) {
        do {
            try value.validate()
        } catch {
            throw APIError.invalid(field: "\(section).\(error.field ?? "")", error.reason)
        }
    }

    /// The group's fields as JSON members, as the store keeps them.
    static func members(of value: some Encodable) throws -> [String: JSONValue] {
        try SettingsCoding.fields(of: value)
    }

    /// Decodes `members` as the group; a field that does not fit is a 422 naming `section.key`.
    static func decode<Group: SettingsGroup>(
        _ type: Group.Type, from members: [String: JSONValue], section: String
    ) throws -> Group {
        do {
            return try SettingsCoding.decode(Group.self, from: members)
        } catch let error as DecodingError {
            let mapped = APIError.decoding(error)
            guard let field = mapped.field else { throw mapped }
            throw APIError.invalid(field: "\(section).\(field)", String(mapped.message.dropFirst(field.count + 2)))
        }
    }

    /// Every field name of `value`: the set ones from its encoding, the unset optionals through `Mirror`
    /// and the encoder's key conversion (so `publicBaseURL` is `public_base_url`).
    private static func fieldKeys(of value: some Encodable) -> Set<String> {
        Set((try? members(of: value))?.keys.map { $0 } ?? []).union(SettingsCoding.unsetKeys(of: value))
    }
}
