/// `202` of the routes that start or cancel a restore: `{"job_id": 7, "state": "queued"}`; poll
/// `GET /api/restore/status/{job_id}` (the `Location`).
public struct RestoreAcceptedResponse: Encodable, Sendable {
    public let jobId: Int64
    public let state: String

    /// Job `jobId`, now in `state`.
    public init(jobId: Int64, state: String) {
        self.jobId = jobId
        self.state = state
    }
}
