/// The body of `GET /api/auth/setup`.
public struct SetupStateResponse: Encodable, Sendable {
    /// Whether the installation still has no user (`POST /api/auth/setup` creates the first admin).
    public let setupRequired: Bool

    /// Whether setup is still needed.
    public init(setupRequired: Bool) {
        self.setupRequired = setupRequired
    }
}
