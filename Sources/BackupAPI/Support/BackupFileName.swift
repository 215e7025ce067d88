import BackupRepository
import Foundation
import HTTPTypes

/// A backup file name from a URL, checked before it touches the store or the disk: only pgbm's own
/// names (`<slug>_<yyyyMMdd'T'HHmmss'Z'>.dump|.sql|.tar[.zst][.enc]`, optionally `.json` for the
/// manifest) pass; anything with a slash, `..`, a NUL or another shape is a `400 invalid_name`.
struct BackupFileName: Sendable, Equatable {
    /// The backup file's name (without `.json`).
    let fileName: String
    /// The request names the manifest beside the file.
    let isManifest: Bool

    init(_ raw: String) throws(APIError) {
        let name = raw.removingPercentEncoding ?? raw
        guard name.utf8.count <= 255, Self.matches(name) else {
            throw APIError(.badRequest, code: .invalidName, message: "\"\(Self.printable(raw))\" is not a backup file name")
        }
        isManifest = name.hasSuffix(".json")
        fileName = isManifest ? String(name.dropLast(5)) : name
    }

    /// The requested name (with `.json` for the manifest).
    var requested: String { isManifest ? fileName + ".json" : fileName }

    /// `slug_20261126T020000Z.dump.zst.enc(.json)`, character by character (no regex engine needed).
    static func matches(_ name: String) -> Bool {
        guard let underscore = name.lastIndex(of: "_") else { return false }
        let slug = name[..<underscore]
        let rest = name[name.index(after: underscore)...]
        let slugOK = !slug.isEmpty && !slug.hasPrefix("-") && slug.utf8.allSatisfy { byte in
            (0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte) || byte == 0x2D
        }
        guard slugOK, rest.utf8.count >= 16 else { return false }
        let stamp = Array(rest.utf8.prefix(16))
        let digits = stamp.enumerated().allSatisfy { index, byte in
            switch index {
            case 8: byte == UInt8(ascii: "T")
            case 15: byte == UInt8(ascii: "Z")
            default: (0x30...0x39).contains(byte)
            }
        }
        guard digits else { return false }
        var suffix = String(rest.dropFirst(16))
        if suffix.hasSuffix(".json") { suffix.removeLast(5) }
        if suffix.hasSuffix(".enc") { suffix.removeLast(4) }
        if suffix.hasSuffix(".zst") { suffix.removeLast(4) }
        return [".dump", ".sql", ".tar"].contains(suffix)
    }

    /// `raw` with control characters replaced, for an error message.
    static func printable(_ raw: String) -> String {
        String(raw.unicodeScalars.prefix(200).map { $0.properties.generalCategory == .control ? "?" : Character($0) })
    }
}
