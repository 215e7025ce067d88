/// `GET /api/health`: the process answers; checks nothing else, so it stays cheap.
public struct HealthResponse: Encodable, Sendable {
    /// Always `ok`.
    public let status: String
    public let version: String

    /// The answer of a server at `version`.
    public init(status: String, version: String) {
        self.status = status
        self.version = version
    }
}
