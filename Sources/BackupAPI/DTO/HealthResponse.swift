import Hummingbird

/// `GET /api/health`: the process answers; checks nothing else, so it stays cheap.
struct HealthResponse: ResponseEncodable, Sendable {
    let status: String
    let version: String
}
