import ArgumentParser
import Foundation

/// Where the passphrase comes from: `--passphrase-file`, then `PGBM_PASSPHRASE`, then a terminal prompt.
/// There is deliberately no option that takes the passphrase itself: arguments show in `ps`.
struct PassphraseOptions: ParsableArguments {
    @Option(
        name: .customLong("passphrase-file"),
        help: "File holding the passphrase (one trailing newline is ignored). Else PGBM_PASSPHRASE, else a prompt.")
    var passphraseFile: String?

    /// Reads the passphrase; `confirm` asks twice when prompting (for encryption).
    func read(confirm: Bool) throws -> String {
        if let passphraseFile {
            let data: Data
            do {
                data = try Data(contentsOf: URL(fileURLWithPath: passphraseFile))
            } catch {
                throw ValidationError("--passphrase-file: cannot read \(passphraseFile)")
            }
            let passphrase = Self.strippingOneNewline(String(decoding: data, as: UTF8.self))
            guard !passphrase.isEmpty else { throw ValidationError("--passphrase-file: \(passphraseFile) is empty") }
            return passphrase
        }
        if let value = ProcessInfo.processInfo.environment["PGBM_PASSPHRASE"], !value.isEmpty {
            return value
        }
        return try TerminalPrompt.passphrase(confirm: confirm)
    }

    static func strippingOneNewline(_ text: String) -> String {
        if text.hasSuffix("\r\n") { return String(text.dropLast(2)) }
        if text.hasSuffix("\n") { return String(text.dropLast()) }
        return text
    }
}
