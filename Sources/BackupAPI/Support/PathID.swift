import Hummingbird

/// The numeric `{id}` parameters of paths.
enum PathID {
    /// The parameter `name` as a positive id; anything else names no record (404 mentioning `what`).
    static func read(_ context: APIRequestContext, _ name: String = "id", what: String) throws(APIError) -> Int64 {
        let raw = context.parameters.get(name) ?? ""
        guard let id = Int64(raw), id > 0 else { throw .notFound("\(what) \(raw) does not exist") }
        return id
    }
}
