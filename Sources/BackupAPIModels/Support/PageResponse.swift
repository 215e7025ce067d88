/// One page of a list: `{"items": [...], "next_cursor": "..."}`; `next_cursor` is absent on the last page.
///
/// The list routes of the API and the list commands of `pgbm-cli --json` print this shape.
///
/// ```swift
/// let page = try await store.restoreJobs(limit: 20, cursor: nil)
/// let response = PageResponse(items: page.items.map(RestoreJobResponse.init), nextCursor: page.nextCursor)
/// ```
public struct PageResponse<Item: Encodable & Sendable>: Encodable, Sendable {
    /// The page's items, in the list's order.
    public let items: [Item]
    /// Pass as `cursor` to get the next page.
    public let nextCursor: String?

    /// A page of `items`; `nextCursor` `nil` on the last page.
    public init(items: [Item], nextCursor: String?) {
        self.items = items
        self.nextCursor = nextCursor
    }
}
