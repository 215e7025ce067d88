import Hummingbird

/// The body of `GET /api/auth/setup`.
struct SetupStateResponse: ResponseEncodable, Sendable {
    /// Whether the installation still has no user (`POST /api/auth/setup` creates the first admin).
    let setupRequired: Bool
}
