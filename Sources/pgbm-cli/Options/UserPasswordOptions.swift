import ArgumentParser
import BackupCore
import Foundation

/// Where a pgbm user's password comes from: `--password-file`, else the environment variable
/// `PGBM_USER_PASSWORD`, else a prompt on the terminal (asked twice, without echo). There is no option
/// that takes the password itself: arguments show in `ps`.
struct UserPasswordOptions: ParsableArguments {
    /// The environment variable read when `--password-file` is not given.
    static let environmentVariable = "PGBM_USER_PASSWORD"

    @Option(
        name: .customLong("password-file"),
        help: "File holding the user's password as UTF-8 text (one trailing newline is ignored).")
    var passwordFile: String?

    /// The password, checked against the password rules (at least 12 characters).
    ///
    /// - Parameter environment: the process environment (a parameter for tests).
    func read(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> String {
        let password: String
        if let passwordFile {
            password = try SecretFile.read(passwordFile, option: "--password-file", noun: "password")
        } else if let value = environment[Self.environmentVariable], !value.isEmpty {
            password = value
        } else {
            password = try TerminalPrompt(noun: "password", alternatives: "--password-file FILE or set PGBM_USER_PASSWORD")
                .readSecret(confirm: true)
        }
        if let problem = PasswordPolicy.problem(with: password) {
            throw CLIFailure("password: \(problem)", code: 64)
        }
        return password
    }
}
