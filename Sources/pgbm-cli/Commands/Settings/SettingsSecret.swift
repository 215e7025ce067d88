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

        /// The command line's names and the settings field each is.
        static let names: [String: (section: String, key: String)] = [
            "s3.secret_key": ("s3", "secret_key"), "smtp.password": ("notifications", "smtp_password"),
            "ses.secret_key": ("notifications", "ses_secret_key"),
        ]

        @OptionGroup var shared: SharedOptions
        @Argument(help: "s3.secret_key, smtp.password or ses.secret_key.") var name: String
        @Option(name: .customLong("secret-file"), help: "File holding the secret. Else PGBM_SECRET.") var secretFile: String?

        func run() async throws {
            try await CLIError.reporting {
                guard let field = Self.names[name] else {
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
                _ = try await shared.withManager { manager in
                    try await manager.settings.update([field.section: [field.key: .string(value)]], by: .commandLine())
                }
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
                let id = try await shared.withManager { manager in
                    try await manager.settings.addPassphrase(Secret(value), by: .commandLine())
                }
                print(id)
            }
        }
    }
}
