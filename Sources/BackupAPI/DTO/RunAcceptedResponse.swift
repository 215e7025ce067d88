import Hummingbird

/// The `202` of "run now" and of a cancel: the run concerned and its state.
struct RunAcceptedResponse: ResponseEncodable, Sendable {
    let runId: Int64
    let state: String
}
