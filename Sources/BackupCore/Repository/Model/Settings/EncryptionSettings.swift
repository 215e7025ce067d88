public import Foundation

/// Backup encryption: passphrases kept by id; one is active, older ones stay to read older backups.
public struct EncryptionSettings: SettingsGroup {
    /// A passphrase's public facts; its value is the secret ``SecretName/passphrase(_:)``.
    public struct Passphrase: Codable, Sendable, Equatable {
        public var id: String
        public var createdAt: Date

        public init(id: String, createdAt: Date) {
            self.id = id
            self.createdAt = createdAt
        }
    }

    public static let key = "encryption"
    public static var defaults: EncryptionSettings { EncryptionSettings() }

    public var enabled = false
    /// The passphrase new backups use.
    public var activePassphraseId: String?
    /// Every passphrase ever used, oldest first.
    public var passphrases: [Passphrase] = []
    /// PBKDF2 iterations for new backups.
    public var iterations = 600_000

    public init() {}

    public func validate() throws(StoreError) {
        try TextRule.shortText.check(activePassphraseId, field: "active_passphrase_id")
        try Validate.that(!enabled || activePassphraseId != nil, field: "passphrase", "is required when encryption is enabled")
        try Validate.that(
            activePassphraseId.map { id in passphrases.contains { $0.id == id } } ?? true, field: "active_passphrase_id",
            "must name a stored passphrase")
        try Validate.that((100_000...10_000_000).contains(iterations), field: "iterations", "must be between 100000 and 10000000")
    }
}
