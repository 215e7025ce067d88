import BackupRepository
import Foundation

/// Keyset pages over databases ordered by name (byte order of UTF-8, so stable across platforms).
///
/// The cursor is the last name of a page, base64url-encoded; names are unique, so no item is skipped
/// or repeated when databases are added between two requests. Done in memory over the live list,
/// which holds dozens of rows; a store-side query replaces it if that ever grows.
enum NamePaging {
    /// The page of `databases` after `query.cursor`.
    static func page<Item>(_ all: [Item], name: KeyPath<Item, String>, query: PageQuery) throws(APIError) -> Page<Item> {
        let sorted = all.sorted { $0[keyPath: name].utf8.lexicographicallyPrecedes($1[keyPath: name].utf8) }
        var remaining = sorted[...]
        if let cursor = query.cursor {
            let after = try decode(cursor)
            remaining = sorted.drop { !after.utf8.lexicographicallyPrecedes($0[keyPath: name].utf8) }
        }
        let items = Array(remaining.prefix(query.limit))
        let next = remaining.count > query.limit ? items.last.map { encode($0[keyPath: name]) } : nil
        return Page(items: items, nextCursor: next)
    }

    static func encode(_ name: String) -> String {
        Data(name.utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func decode(_ cursor: String) throws(APIError) -> String {
        var base64 = cursor.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard let data = Data(base64Encoded: base64), let name = String(data: data, encoding: .utf8) else {
            throw .invalid(field: "cursor", "\"\(cursor)\" is not a cursor this server returned")
        }
        return name
    }
}
