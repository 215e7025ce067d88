/// A validated object key: relative, `/`-separated, no empty, `.` or `..` segments, no control
/// characters (NUL included: XML listings cannot carry them), at most 1024 UTF-8 bytes (S3's limit), no
/// part ending in `.partial` (reserved for files being written).
///
/// The same key names a file below a local store's root and an object below an S3 store's prefix, so
/// it can never escape either.
public struct ObjectKey: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The key as given.
    public let rawValue: String

    /// Validates `rawValue`.
    /// - Throws: ``StorageError`` with code `invalidKey`, saying what is wrong.
    public init(_ rawValue: String) throws(StorageError) {
        if let problem = Self.problem(in: rawValue) {
            throw StorageError(.invalidKey, "object key \"\(rawValue.debugDescriptionEscaped)\" \(problem)")
        }
        self.rawValue = rawValue
    }

    static func problem(in key: String) -> String? {
        if key.isEmpty { return "is empty" }
        if key.utf8.count > 1024 { return "is longer than 1024 bytes" }
        if key.utf8.contains(0) { return "contains a NUL byte" }
        if key.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            return "contains a control character"
        }
        if key.hasPrefix("/") { return "is absolute; keys are relative" }
        let segments = key.split(separator: "/", omittingEmptySubsequences: false)
        if segments.contains(where: { $0.hasSuffix(".partial") }) {
            return "has a part ending in .partial, which is reserved for files being written"
        }
        if segments.contains(where: { $0 == ".." || $0 == "." }) { return "contains a . or .. segment" }
        if segments.contains(where: \.isEmpty) { return "contains an empty segment (//, or a trailing /)" }
        return nil
    }

    public var description: String { rawValue }

    public static func < (lhs: ObjectKey, rhs: ObjectKey) -> Bool { lhs.rawValue < rhs.rawValue }
}

extension String {
    /// The string with control characters escaped, for error messages.
    var debugDescriptionEscaped: String {
        unicodeScalars.map { $0.properties.generalCategory == .control ? $0.escaped(asASCII: true) : String($0) }.joined()
    }
}
