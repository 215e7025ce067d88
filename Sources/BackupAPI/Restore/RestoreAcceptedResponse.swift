import Hummingbird

/// `202` of the routes that start or cancel a restore: `{"job_id": 7, "state": "queued"}`; poll
/// `GET /api/restore/status/{job_id}` (the `Location`).
struct RestoreAcceptedResponse: ResponseEncodable, Sendable {
    let jobId: Int64
    let state: String
}
