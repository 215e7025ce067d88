import ArgumentParser
import Foundation

/// Where the passphrase comes from: `--passphrase-file`, then `PGBM_PASSPHRASE`, then a terminal prompt.
/// There is deliberately no option that takes the passphrase itself: arguments show in `ps`.
struct PassphraseOptions: ParsableArguments {
    static let maximumFileSize = 64 * 1024

    @Option(
        name: .customLong("passphrase-file"),
        help: "File holding the passphrase as UTF-8 text (one trailing newline is ignored). Else PGBM_PASSPHRASE, else a prompt.")
    var passphraseFile: String?

    /// Reads the passphrase; `confirm` asks twice when prompting (for encryption).
    func read(confirm: Bool) throws -> String {
        if let passphraseFile { return try Self.readFile(passphraseFile) }
        if let value = ProcessInfo.processInfo.environment["PGBM_PASSPHRASE"], !value.isEmpty {
            return value
        }
        return try TerminalPrompt.passphrase(confirm: confirm)
    }

    /// Reads a passphrase file: UTF-8, at most 64 KiB, exactly one trailing `\n` or `\r\n` removed.
    static func readFile(_ path: String) throws -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw CLIFailure("cannot read the passphrase file \(path): \(String(cString: strerror(errno)))", code: 1)
        }
        defer { try? handle.close() }
        let data = try handle.read(upToCount: maximumFileSize + 1) ?? Data()
        guard data.count <= maximumFileSize else {
            throw CLIFailure("--passphrase-file: \(path) is larger than 64 KiB; it should hold one line", code: 64)
        }
        guard let text = String(validating: strippingOneNewline(Array(data)), as: UTF8.self) else {
            throw CLIFailure("--passphrase-file: \(path) is not UTF-8 text", code: 64)
        }
        guard !text.isEmpty else { throw CLIFailure("--passphrase-file: \(path) is empty", code: 64) }
        return text
    }

    static func strippingOneNewline(_ bytes: [UInt8]) -> [UInt8] {
        if bytes.suffix(2) == [13, 10] { return Array(bytes.dropLast(2)) }
        if bytes.last == 10 { return Array(bytes.dropLast()) }
        return bytes
    }
}
