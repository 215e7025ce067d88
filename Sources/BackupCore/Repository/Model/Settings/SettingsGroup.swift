/// A typed group of settings, stored as one JSON document under ``key``.
///
/// Secrets never live in a group: they are kept encrypted in the secret table under their own names
/// (``SecretName``) and groups only say whether one is set.
public protocol SettingsGroup: Codable, Sendable, Equatable {
    /// The group's name in the store and the API (`s3`, `email`).
    static var key: String { get }
    /// The value used before anything was saved.
    static var defaults: Self { get }
    /// Checks every field; the error names the field and what is expected.
    func validate() throws(StoreError)
}

extension SettingsGroup {
    public func validate() throws(StoreError) {}
}
