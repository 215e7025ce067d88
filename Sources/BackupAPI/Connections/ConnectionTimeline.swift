import NIOCore

/// Where one HTTP connection stands and until when its client has time: the rules of
/// ``ConnectionLimits`` as a value that ``ConnectionGuardHandler`` drives with what happens on the
/// channel. No I/O; every method takes the time.
///
/// ```swift
/// var timeline = ConnectionTimeline(limits: ConnectionLimits(), now: .now())
/// timeline.readCompleted(now: .now())          // bytes, but no request head yet: the header timeout runs
/// if let expiry = timeline.expiry(now: .now()) { … close the connection … }
/// ```
struct ConnectionTimeline {
    /// What the connection waits for.
    enum Phase: Equatable {
        /// No byte of the next request yet (after connecting, or after an answer).
        case idle
        /// Some bytes of a request head, not all of them.
        case head
        /// A request's body.
        case body
        /// pgbm is answering; the client has nothing to send.
        case answering
    }

    /// Why a connection ran out of time.
    enum Expiry: String, Sendable {
        case idle
        case header
        case body
    }

    private let idleTimeout: TimeAmount
    private let headerTimeout: TimeAmount
    private let bodyTimeout: TimeAmount
    private let nanosecondsPerByte: Int64

    /// What the connection waits for now.
    private(set) var phase: Phase = .idle
    /// Since when the connection waits for its next request (idle or head phase); `nil` while a request
    /// is read or answered.
    private(set) var waitingSince: NIODeadline?
    private var deadline: NIODeadline?
    /// Since when pgbm has not asked for more data (its own backpressure); the deadline stands still.
    private var pausedAt: NIODeadline?
    private var readingRequest = false
    private var openAnswers = 0
    private var decodedSinceReadComplete = false
    private var pipelinedBytes = false

    /// A new connection: idle, its idle timeout running from `now`.
    init(limits: ConnectionLimits, now: NIODeadline) {
        idleTimeout = TimeAmount(limits.idleTimeout)
        headerTimeout = TimeAmount(limits.headerTimeout)
        bodyTimeout = TimeAmount(limits.bodyTimeout)
        nanosecondsPerByte = 1_000_000_000 / Int64(max(1, limits.bodyMinimumRate))
        waitingSince = now
        deadline = now + idleTimeout
    }

    /// When the client's time runs out unless something happens first; `nil`: no timeout runs.
    var nextDeadline: NIODeadline? { pausedAt == nil ? deadline : nil }

    /// Why the connection ran out of time at `now`, or `nil` if it has not.
    func expiry(now: NIODeadline) -> Expiry? {
        guard let deadline = nextDeadline, now >= deadline else { return nil }
        switch phase {
        case .idle: return .idle
        case .head: return .header
        case .body: return .body
        case .answering: return nil
        }
    }

    /// A request head arrived: its body's time starts.
    mutating func requestHeadReceived(now: NIODeadline) {
        decodedSinceReadComplete = true
        readingRequest = true
        openAnswers += 1
        pipelinedBytes = false
        enter(.body, now: now)
        deadline = now + bodyTimeout
    }

    /// `bytes` of the request body arrived: they buy time at the minimum rate, up to the body timeout.
    mutating func requestBodyReceived(bytes: Int, now: NIODeadline) {
        decodedSinceReadComplete = true
        guard phase == .body, let current = deadline else { return }
        let earned = current + .nanoseconds(Int64(bytes) * nanosecondsPerByte)
        deadline = min(earned, (pausedAt ?? now) + bodyTimeout)
    }

    /// The request ended: pgbm answers, and no timeout runs until the answer ends.
    mutating func requestEndReceived() {
        decodedSinceReadComplete = true
        readingRequest = false
        if openAnswers > 0 { enter(.answering, now: nil) }
    }

    /// An answer ended: the connection waits for the next request.
    mutating func answerEnded(now: NIODeadline) {
        openAnswers = max(0, openAnswers - 1)
        guard !readingRequest, openAnswers == 0 else { return }
        enter(pipelinedBytes ? .head : .idle, now: now)
        pipelinedBytes = false
    }

    /// A read from the socket completed: bytes that made no request part yet start the header timeout.
    mutating func readCompleted(now: NIODeadline) {
        if !decodedSinceReadComplete {
            switch phase {
            case .idle: enter(.head, now: now)
            case .answering: pipelinedBytes = true
            case .head, .body: break
            }
        }
        decodedSinceReadComplete = false
        if pausedAt == nil { pausedAt = now }
    }

    /// pgbm asks the socket for more data: the client's time runs again (the pause is not counted).
    mutating func readRequested(now: NIODeadline) {
        guard let pausedAt else { return }
        if let deadline { self.deadline = deadline + (now - pausedAt) }
        self.pausedAt = nil
    }

    private mutating func enter(_ next: Phase, now: NIODeadline?) {
        phase = next
        switch next {
        case .idle:
            waitingSince = now
            deadline = now.map { $0 + idleTimeout }
        case .head:
            if waitingSince == nil { waitingSince = now }
            deadline = now.map { $0 + headerTimeout }
        case .body, .answering:
            waitingSince = nil
            deadline = nil
        }
        if pausedAt != nil, let now { pausedAt = now }
    }
}
