/// The `202` of "run now" and of a cancel: the run concerned and its state.
public struct RunAcceptedResponse: Encodable, Sendable {
    public let runId: Int64
    public let state: String

    /// Run `runId`, now in `state`.
    public init(runId: Int64, state: String) {
        self.runId = runId
        self.state = state
    }
}
