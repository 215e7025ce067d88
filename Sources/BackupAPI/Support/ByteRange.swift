import Foundation

/// The single `Range: bytes=…` of a download, resolved against the file's size (RFC 9110 §14).
enum ByteRange: Equatable {
    /// Serve the whole file (no `Range`, or one this server ignores: several ranges, another unit,
    /// malformed syntax).
    case whole
    /// Serve these bytes with `206`.
    case part(ClosedRange<Int64>)
    /// No byte of the range exists: `416`.
    case unsatisfiable

    /// Resolves `header` for a file of `size` bytes.
    static func resolve(_ header: String?, size: Int64) -> ByteRange {
        guard let header, header.hasPrefix("bytes=") else { return .whole }
        let spec = header.dropFirst("bytes=".count).trimmingCharacters(in: .whitespaces)
        guard !spec.contains(","), let dash = spec.firstIndex(of: "-") else { return .whole }
        let first = spec[..<dash]
        let last = spec[spec.index(after: dash)...]
        guard first.allSatisfy(\.isNumber), last.allSatisfy(\.isNumber), !(first.isEmpty && last.isEmpty) else { return .whole }
        if first.isEmpty {
            // `bytes=-N`: the last N bytes.
            guard let count = Int64(last), count > 0, size > 0 else { return .unsatisfiable }
            return .part(max(size - count, 0)...(size - 1))
        }
        guard let start = Int64(first) else { return .whole }
        guard start < size else { return .unsatisfiable }
        guard !last.isEmpty else { return .part(start...(size - 1)) }
        guard let end = Int64(last) else { return .part(start...(size - 1)) }
        guard end >= start else { return .whole }
        return .part(start...min(end, size - 1))
    }
}
