/// Secrets at rest, AES-GCM-encrypted under the master key.
public protocol SecretStore: Sendable {
    /// Stores (or, with `nil`, removes) a secret.
    func setSecret(_ value: Secret?, for name: SecretName) async throws
    /// The secret, `nil` when none is stored.
    /// - Throws: ``StoreError`` `secretsUnreadable` naming the secret when it cannot be decrypted.
    func secret(_ name: SecretName) async throws -> Secret?
    /// The names of every stored secret (not their values).
    func secretNames() async throws -> [SecretName]
}
