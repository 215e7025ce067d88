import ArgumentParser
import Foundation

/// Where the passphrase comes from: `--passphrase-file`, then `PGBM_PASSPHRASE`, then a terminal prompt.
/// There is deliberately no option that takes the passphrase itself: arguments show in `ps`.
struct PassphraseOptions: ParsableArguments {
    @Option(
        name: .customLong("passphrase-file"),
        help: "File holding the passphrase as UTF-8 text (one trailing newline is ignored). Else PGBM_PASSPHRASE, else a prompt.")
    var passphraseFile: String?

    /// Reads the passphrase; `confirm` asks twice when prompting (for encryption).
    func read(confirm: Bool) throws -> String {
        if let passphraseFile {
            return try SecretFile.read(passphraseFile, option: "--passphrase-file", noun: "passphrase")
        }
        if let value = ProcessInfo.processInfo.environment["PGBM_PASSPHRASE"], !value.isEmpty {
            return value
        }
        return try TerminalPrompt.passphrase.readSecret(confirm: confirm)
    }

}
