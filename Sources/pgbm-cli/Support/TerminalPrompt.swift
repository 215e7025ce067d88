import ArgumentParser

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Asks for a secret (a passphrase, a database password) on the controlling terminal with echo
/// switched off.
///
/// ```swift
/// let passphrase = try TerminalPrompt.passphrase.readSecret(confirm: true)
/// ```
struct TerminalPrompt: Sendable {
    /// What is asked for, in lower case (`passphrase`).
    let noun: String
    /// The other ways to give it, for messages (`--passphrase-file FILE or set PGBM_PASSPHRASE`).
    let alternatives: String

    /// The backup encryption passphrase.
    static let passphrase = TerminalPrompt(
        noun: "passphrase", alternatives: "--passphrase-file FILE or set PGBM_PASSPHRASE")
    /// A configured database's password.
    static let databasePassword = TerminalPrompt(
        noun: "password", alternatives: "--password-file FILE or set PGBM_DB_PASSWORD")

    /// Reads the secret; `confirm` asks twice and requires both answers to match.
    func readSecret(confirm: Bool) throws -> String {
        let tty = open("/dev/tty", O_RDWR | O_CLOEXEC)
        guard tty >= 0 else { throw noSource }
        defer { close(tty) }
        let first = try ask("\(noun.prefix(1).uppercased())\(noun.dropFirst()): ", tty: tty)
        guard !first.isEmpty else { throw ValidationError("the \(noun) is empty") }
        if confirm, try ask("Repeat \(noun): ", tty: tty) != first {
            throw ValidationError("the two \(noun)s differ")
        }
        return first
    }

    private var noSource: ValidationError {
        ValidationError("no \(noun): give \(alternatives) (there is no terminal to ask on)")
    }

    private func ask(_ prompt: String, tty: Int32) throws -> String {
        write(tty, prompt, prompt.utf8.count)
        var saved = termios()
        guard tcgetattr(tty, &saved) == 0 else { throw noSource }
        var silent = saved
        silent.c_lflag &= ~tcflag_t(ECHO)
        guard tcsetattr(tty, TCSAFLUSH, &silent) == 0 else {
            throw CLIFailure("cannot switch off echo on the terminal; use \(alternatives)", code: 1)
        }
        defer {
            tcsetattr(tty, TCSAFLUSH, &saved)
            write(tty, "\n", 1)
        }
        return try readLine(tty)
    }

    private func readLine(_ tty: Int32) throws -> String {
        var line: [UInt8] = []
        var byte: UInt8 = 0
        while true {
            let n = read(tty, &byte, 1)
            if n < 0 && errno == EINTR { continue }
            guard n >= 0 else { throw CLIFailure("cannot read the \(noun) from the terminal", code: 1) }
            if n == 0 || byte == UInt8(ascii: "\n") { break }
            line.append(byte)
        }
        if line.last == UInt8(ascii: "\r") { line.removeLast() }
        guard let text = String(validating: line, as: UTF8.self) else {
            throw CLIFailure("the \(noun) typed is not UTF-8 text", code: 1)
        }
        return text
    }
}
