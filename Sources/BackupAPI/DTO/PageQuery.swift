import Hummingbird

/// The `limit` and `cursor` query parameters of a list.
struct PageQuery: Sendable, Equatable {
    /// Items per page when `limit` is absent.
    static let defaultLimit = 50
    /// The largest `limit` accepted.
    static let maximumLimit = 500

    let limit: Int
    /// The `next_cursor` of the previous page; `nil` for the first page.
    let cursor: String?

    /// Reads the parameters of `request`; a bad `limit` is a 422 naming it.
    init(_ request: Request) throws(APIError) {
        let parameters = request.uri.queryParameters
        if let raw = parameters.get("limit") {
            guard let limit = Int(raw), (1...Self.maximumLimit).contains(limit) else {
                throw .invalid(field: "limit", "must be a whole number from 1 to \(Self.maximumLimit), got \"\(raw)\"")
            }
            self.limit = limit
        } else {
            limit = Self.defaultLimit
        }
        cursor = parameters.get("cursor").flatMap { $0.isEmpty ? nil : $0 }
    }
}
