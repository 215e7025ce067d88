import BackupRepository
import Foundation

/// A settings group as a flat object of snake_case keys, exactly as the store keeps it, with every key
/// (an unset optional as `null`).
///
/// Keys are the group's coding keys through Foundation's snake_case conversion, which the store also
/// uses; groups give explicit coding keys where an acronym would not convert back (`smtpStartTLS` is
/// stored as `smtp_start_tls`). Unset optionals are found with `Mirror`, since their keys are not encoded.
///
/// ```swift
/// var document = try SettingsDocument(try store.settings(RetentionSettings.self))
/// try document.set("daily", to: "14", as: RetentionSettings.self)
/// try store.saveSettings(try document.decoded(as: RetentionSettings.self))
/// ```
struct SettingsDocument: Sendable, Equatable {
    /// The group's name (`retention`).
    let group: String
    /// Every key with its value.
    private(set) var fields: [String: JSONValue]

    /// Keys that only pgbm itself changes: the installation id names the installation in manifests and S3,
    /// and passphrases come with secrets.
    static let readOnly: Set<String> = ["general.installation_id", "encryption.passphrases"]

    /// The fields of `value`.
    init<Group: SettingsGroup>(_ value: Group) throws {
        group = Group.key
        fields = try SettingsCoding.fields(of: value)
        for key in SettingsCoding.unsetKeys(of: value) where fields[key] == nil {
            fields[key] = .null
        }
    }

    /// The group these fields describe.
    func decoded<Group: SettingsGroup>(as type: Group.Type) throws -> Group {
        try SettingsCoding.decode(Group.self, from: fields)
    }

    /// Sets `key` to `text` read as JSON if it is JSON and fits the key (`14`, `true`, `null`, `["a"]`),
    /// else as a string (so `s3.bucket=123` stores the text "123").
    ///
    /// - Throws: ``StoreError`` `invalid` for `group.key` when the key is unknown (listing the valid ones),
    ///   read-only, or the value fits the key neither way; the document is then unchanged.
    mutating func set<Group: SettingsGroup>(_ key: String, to text: String, as type: Group.Type) throws {
        let field = "\(group).\(key)"
        guard let previous = fields[key] else {
            throw StoreError.invalid(
                field: field, "unknown key; valid keys: \(fields.keys.sorted().joined(separator: ", "))")
        }
        guard !Self.readOnly.contains(field) else {
            throw StoreError.invalid(field: field, "cannot be set from the command line")
        }
        var failure: DecodingError?
        for candidate in [JSONValue(parsing: text), .string(text)].compactMap({ $0 }) {
            fields[key] = candidate
            do {
                _ = try decoded(as: type)
                return
            } catch let error as DecodingError {
                failure = failure ?? error
            }
        }
        fields[key] = previous
        throw StoreError.invalid(
            field: field, "\"\(text)\" is not valid here: \(failure.map(Self.reason) ?? "unreadable")")
    }

    /// What a decoding error expected, in words.
    static func reason(_ error: DecodingError) -> String {
        switch error {
        case .typeMismatch(let type, _) where type == Int.self: "expected a whole number"
        case .typeMismatch(let type, _) where type == Bool.self: "expected true or false"
        case .typeMismatch(let type, _) where type == String.self: "expected text"
        case .typeMismatch(let type, _): "expected a value of type \(type)"
        case .valueNotFound: "must not be null"
        case .dataCorrupted(let context), .keyNotFound(_, let context): context.debugDescription
        @unknown default: "\(error)"
        }
    }
}
