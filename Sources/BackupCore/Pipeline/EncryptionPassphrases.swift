import BackupCrypto
public import BackupRepository
public import Foundation

/// Adds backup passphrases: each gets an id, becomes the active one, and older ones stay stored so older
/// backups still open (their manifests name the id). Shared by `pgbm-cli settings add-passphrase` and
/// `POST /api/config/settings/encryption/generate-key`.
///
/// ```swift
/// let (id, passphrase) = try await EncryptionPassphrases.addGenerated(in: store)
/// print(id)   // show `passphrase` once; it is never readable again except through the store
/// ```
public enum EncryptionPassphrases {
    /// A strong random passphrase: 32 random bytes, base64url (43 characters).
    public static func generate() -> Secret {
        Secret(ContainerKey.generateKey())
    }

    /// Stores `passphrase` under a new id, makes it the active passphrase and turns encryption on.
    /// - Returns: the new passphrase's id (`p` and 8 hex digits).
    /// - Throws: a store error when the secret or the settings cannot be written.
    @discardableResult
    public static func add(_ passphrase: Secret, in store: some SettingsRepository & SecretStore, now: Date = Date())
        async throws -> String
    {
        var encryption = try await store.settings(EncryptionSettings.self)
        var id = newId()
        while encryption.passphrases.contains(where: { $0.id == id }) { id = newId() }
        try await store.setSecret(passphrase, for: .passphrase(id))
        encryption.passphrases.append(EncryptionSettings.Passphrase(id: id, createdAt: now))
        encryption.activePassphraseId = id
        encryption.enabled = true
        try await store.saveSettings(encryption)
        return id
    }

    /// Generates a passphrase and adds it (``add(_:in:now:)``).
    /// - Returns: its id and the passphrase, to show once.
    public static func addGenerated(in store: some SettingsRepository & SecretStore) async throws -> (
        id: String, passphrase: Secret
    ) {
        let passphrase = generate()
        return (try await add(passphrase, in: store), passphrase)
    }

    private static func newId() -> String {
        "p" + UUID().uuidString.prefix(8).lowercased()
    }
}
