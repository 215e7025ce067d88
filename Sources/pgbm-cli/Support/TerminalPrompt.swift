import ArgumentParser

#if canImport(Glibc)
import Glibc
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
        let hasTermios = tcgetattr(tty, &saved) == 0
        if hasTermios {
            var silent = saved
            silent.c_lflag &= ~tcflag_t(ECHO)
            tcsetattr(tty, TCSAFLUSH, &silent)
        }
        defer {
            if hasTermios { tcsetattr(tty, TCSAFLUSH, &saved) }
            write(tty, "\n", 1)
        }
        var line: [UInt8] = []
        var byte: UInt8 = 0
        while read(tty, &byte, 1) == 1, byte != UInt8(ascii: "\n") {
            line.append(byte)
        }
        if line.last == UInt8(ascii: "\r") { line.removeLast() }
        return String(decoding: line, as: UTF8.self)
    }
}
