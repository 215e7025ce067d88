import Hummingbird

/// One page of a list: `{"items": [...], "next_cursor": "..."}`; `next_cursor` is absent on the last page.
struct PageResponse<Item: Encodable & Sendable>: ResponseEncodable, Sendable {
    let items: [Item]
    /// Pass as `cursor` to get the next page.
    let nextCursor: String?
}
