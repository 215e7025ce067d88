import Hummingbird

/// `201` of `POST /api/config/settings/encryption/generate-key`: the new passphrase, shown this once.
struct GeneratedKeyResponse: ResponseEncodable, Sendable {
    /// The passphrase's id (manifests of new backups name it).
    let id: String
    /// The passphrase itself; keep a copy outside pgbm: it is the only way to decrypt the backups.
    let passphrase: String
    /// Always `true`: new backups use it.
    let active: Bool
    /// Always `true`: generating a key turns encryption on.
    let encryptionEnabled: Bool
}
