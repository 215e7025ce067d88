import BackupAPIModels

extension CatalogEntryResponse {
    /// The page of `entries` after `cursor` (the last file of the previous page, base64url).
    static func page(_ entries: [CatalogEntryResponse], query: PageQuery) throws(APIError) -> PageResponse<
        CatalogEntryResponse
    > {
        var remaining = entries[...]
        if let cursor = query.cursor {
            let last = try NamePaging.decode(cursor)
            guard let index = entries.firstIndex(where: { ($0.key ?? $0.file) == last }) else {
                throw .invalid(
                    field: "cursor", "\"\(cursor)\" is not a cursor of this list (the backup it named is gone)")
            }
            remaining = entries[(index + 1)...]
        }
        let items = Array(remaining.prefix(query.limit))
        let next = remaining.count > query.limit ? items.last.flatMap { $0.key ?? $0.file }.map(NamePaging.encode) : nil
        return PageResponse(items: items, nextCursor: next)
    }
}
