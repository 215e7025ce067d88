/// `201` of `POST /api/config/settings/encryption/generate-key`: the new passphrase, shown this once.
public struct GeneratedKeyResponse: Encodable, Sendable {
    /// The passphrase's id (manifests of new backups name it).
    public let id: String
    /// The passphrase itself; keep a copy outside pgbm: it is the only way to decrypt the backups.
    public let passphrase: String
    /// Always `true`: new backups use it.
    public let active: Bool
    /// Always `true`: generating a key turns encryption on.
    public let encryptionEnabled: Bool

    /// The generated passphrase `id`.
    public init(id: String, passphrase: String, active: Bool, encryptionEnabled: Bool) {
        self.id = id
        self.passphrase = passphrase
        self.active = active
        self.encryptionEnabled = encryptionEnabled
    }
}
