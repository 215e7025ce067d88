/// One page of a list, newest first, with the cursor of the next page (`nil` on the last page).
public struct Page<Item: Sendable>: Sendable {
    /// The items of this page.
    public let items: [Item]
    /// Pass this to get the next page; opaque to callers.
    public let nextCursor: String?

    /// Creates a page.
    public init(items: [Item], nextCursor: String?) {
        self.items = items
        self.nextCursor = nextCursor
    }
}

/// Keyset cursors over auto-incremented ids: the cursor is the last id returned, so a deep page costs
/// the same as the first.
enum Cursor {
    static func decode(_ cursor: String?) throws(StoreError) -> Int64? {
        guard let cursor else { return nil }
        guard let id = Int64(cursor, radix: 36), id > 0 else {
            throw StoreError(.invalid, "cursor \"\(cursor)\" is not one this server returned", field: "cursor")
        }
        return id
    }

    static func encode(lastId: Int64?, pageFull: Bool) -> String? {
        guard pageFull, let lastId else { return nil }
        return String(lastId, radix: 36)
    }
}
