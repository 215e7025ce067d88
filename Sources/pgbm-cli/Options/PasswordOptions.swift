import ArgumentParser
import BackupRepository
import Foundation

/// Where a database password comes from: `--password-file`, `--prompt-password` (no echo), or the
/// environment variable `PGBM_DB_PASSWORD`. There is deliberately no option that takes the password
/// itself: arguments show in `ps`.
struct PasswordOptions: ParsableArguments {
    /// The environment variable read when neither option is given.
    static let environmentVariable = "PGBM_DB_PASSWORD"

    @Option(
        name: .customLong("password-file"),
        help: "File holding the database password as UTF-8 text (one trailing newline is ignored).")
    var passwordFile: String?

    @Flag(name: .customLong("prompt-password"), help: "Ask for the database password on the terminal, without echo.")
    var promptPassword = false

    /// Whether an option names a source; the environment variable is not counted.
    var explicit: Bool { passwordFile != nil || promptPassword }

    func validate() throws {
        if passwordFile != nil && promptPassword {
            throw ValidationError("give either --password-file or --prompt-password, not both")
        }
    }

    /// The password from the first source that has one, `nil` when none does.
    ///
    /// - Parameter environment: the process environment (a parameter for tests).
    func read(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Secret? {
        if let passwordFile {
            return Secret(try SecretFile.read(passwordFile, option: "--password-file", noun: "password"))
        }
        if promptPassword { return Secret(try TerminalPrompt.databasePassword.readSecret(confirm: true)) }
        if let value = environment[Self.environmentVariable], !value.isEmpty { return Secret(value) }
        return nil
    }
}
