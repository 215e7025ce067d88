import ArgumentParser

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Asks for a passphrase on the controlling terminal with echo switched off.
enum TerminalPrompt {
    static let noSource = ValidationError(
        "no passphrase: give --passphrase-file FILE or set PGBM_PASSPHRASE (there is no terminal to ask on)")

    static func passphrase(confirm: Bool) throws -> String {
        let tty = open("/dev/tty", O_RDWR | O_CLOEXEC)
        guard tty >= 0 else { throw noSource }
        defer { close(tty) }
        let first = try ask("Passphrase: ", tty: tty)
        guard !first.isEmpty else { throw ValidationError("the passphrase is empty") }
        if confirm, try ask("Repeat passphrase: ", tty: tty) != first {
            throw ValidationError("the two passphrases differ")
        }
        return first
    }

    private static func ask(_ prompt: String, tty: Int32) throws -> String {
        write(tty, prompt, prompt.utf8.count)
        var saved = termios()
        guard tcgetattr(tty, &saved) == 0 else { throw noSource }
        var silent = saved
        silent.c_lflag &= ~tcflag_t(ECHO)
        guard tcsetattr(tty, TCSAFLUSH, &silent) == 0 else {
            throw CLIFailure("cannot switch off echo on the terminal; use --passphrase-file or PGBM_PASSPHRASE", code: 1)
        }
        defer {
            tcsetattr(tty, TCSAFLUSH, &saved)
            write(tty, "\n", 1)
        }
        var line: [UInt8] = []
        var byte: UInt8 = 0
        while true {
            let n = read(tty, &byte, 1)
            if n < 0 && errno == EINTR { continue }
            guard n >= 0 else { throw CLIFailure("cannot read the passphrase from the terminal", code: 1) }
            if n == 0 || byte == UInt8(ascii: "\n") { break }
            line.append(byte)
        }
        if line.last == UInt8(ascii: "\r") { line.removeLast() }
        guard let text = String(validating: line, as: UTF8.self) else {
            throw CLIFailure("the passphrase typed is not UTF-8 text", code: 1)
        }
        return text
    }
}
