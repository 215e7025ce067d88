/// A typed group of settings, stored as one JSON document under ``key``.
///
/// Secrets never live in a group's document: they are kept encrypted in the secret table under their own
/// names (``SecretName``). Most are written apart and groups only say whether one is set; a field of the
/// group that is itself a credential (a webhook URL with its token) is named in ``sealedFields``, and the
/// store seals it in the secret table and leaves it out of the document, so the group still reads and
/// saves as one value.
public protocol SettingsGroup: Codable, Sendable, Equatable {
    /// The group's name in the store and the API (`s3`, `email`).
    static var key: String { get }
    /// The value used before anything was saved.
    static var defaults: Self { get }
    /// Fields (stored snake_case keys) kept sealed in the secret table, each as its JSON text, instead of
    /// in the group's document; empty by default.
    static var sealedFields: [String: SecretName] { get }
    /// Checks every field; the error names the field and what is expected.
    func validate() throws(StoreError)
}

extension SettingsGroup {
    public static var sealedFields: [String: SecretName] { [:] }

    public func validate() throws(StoreError) {}
}
