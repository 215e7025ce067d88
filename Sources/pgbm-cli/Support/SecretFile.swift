import Foundation

/// Reads a secret (passphrase, password) from a file: UTF-8 text, at most 64 KiB, exactly one trailing
/// `\n` or `\r\n` removed, nothing else trimmed.
enum SecretFile {
    static let maximumSize = 64 * 1024

    /// Reads `path`, given with `option` (`--password-file`); errors name the option and the `noun`.
    ///
    /// - Parameters:
    ///   - path: the file.
    ///   - option: the flag that named the file, for messages.
    ///   - noun: what the file holds (`passphrase`, `password`), for messages.
    static func read(_ path: String, option: String, noun: String) throws -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw CLIFailure("cannot read the \(noun) file \(path): \(String(cString: strerror(errno)))", code: 1)
        }
        defer { try? handle.close() }
        let data = try handle.read(upToCount: maximumSize + 1) ?? Data()
        guard data.count <= maximumSize else {
            throw CLIFailure("\(option): \(path) is larger than 64 KiB; it should hold one line", code: 64)
        }
        guard let text = String(validating: strippingOneNewline(Array(data)), as: UTF8.self) else {
            throw CLIFailure("\(option): \(path) is not UTF-8 text", code: 64)
        }
        guard !text.isEmpty else { throw CLIFailure("\(option): \(path) is empty", code: 64) }
        return text
    }

    static func strippingOneNewline(_ bytes: [UInt8]) -> [UInt8] {
        if bytes.suffix(2) == [13, 10] { return Array(bytes.dropLast(2)) }
        if bytes.last == 10 { return Array(bytes.dropLast()) }
        return bytes
    }
}
