import ArgumentParser
import BackupCore
import BackupRepository
import Foundation
import PgbmOptions

extension Pgbm.SettingsCommand {
    /// `settings set-secret <name>`: stores a secret (encrypted under the master key) from a file or
    /// `PGBM_SECRET`; never from an argument.
    struct SetSecret: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set-secret",
            abstract: "Store the S3 secret key, the SMTP password or the SES secret key (from --secret-file or PGBM_SECRET).",
            discussion: "Names: s3.secret_key, smtp.password, ses.secret_key. The value is never printed or audited.")

        static let names: [String: SecretName] = [
            "s3.secret_key": .s3SecretKey, "smtp.password": .smtpPassword, "ses.secret_key": .sesSecretKey,
        ]

        @OptionGroup var shared: SharedOptions
        @Argument(help: "s3.secret_key, smtp.password or ses.secret_key.") var name: String
        @Option(name: .customLong("secret-file"), help: "File holding the secret. Else PGBM_SECRET.") var secretFile: String?

        func run() async throws {
            try await CLIError.reporting {
                guard let secretName = Self.names[name] else {
                    throw CLIFailure("<name>: \"\(name)\" is not one of \(Self.names.keys.sorted().joined(separator: ", "))", code: 64)
                }
                let value: String
                if let secretFile {
                    value = try SecretFile.read(secretFile, option: "--secret-file", noun: "secret")
                } else if let environment = ProcessInfo.processInfo.environment["PGBM_SECRET"], !environment.isEmpty {
                    value = environment
                } else {
                    throw CLIFailure("give the secret with --secret-file or the PGBM_SECRET environment variable", code: 64)
                }
                let store = try shared.openStore()
                try await store.setSecret(Secret(value), for: secretName)
                try await CLIAudit(store: store).record("secret.set", target: "secret", id: name)
                print("stored \(name)")
            }
        }
    }

    /// `settings add-passphrase`: a new encryption passphrase, made active; older ones stay for old backups.
    struct AddPassphrase: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add-passphrase",
            abstract: "Store a new backup passphrase, make it the active one and turn encryption on.",
            discussion: """
                The passphrase comes from --passphrase-file, PGBM_PASSPHRASE or a prompt (asked twice). Keep a copy \
                outside pgbm: it is the only way to decrypt the backups (Docs/FORMAT.md). Prints the new passphrase id.
                """)

        @OptionGroup var shared: SharedOptions
        @OptionGroup var passphrase: PassphraseOptions

        func run() async throws {
            try await CLIError.reporting {
                let value = try passphrase.read(confirm: true)
                let store = try shared.openStore()
                let id = try await EncryptionPassphrases.add(Secret(value), in: store)
                try await CLIAudit(store: store).record("encryption.passphrase.add", target: "passphrase", id: id)
                print(id)
            }
        }
    }
}
