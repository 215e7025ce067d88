import Foundation
import Synchronization

/// The last `limit` bytes a child wrote to stderr, kept while the child runs.
final class StderrTail: Sendable {
    private struct State {
        var bytes: [UInt8] = []
        var dropped = false
    }

    private let limit: Int
    private let state = Mutex(State())

    init(limit: Int = 64 * 1024) { self.limit = limit }

    /// Appends a block, dropping the oldest bytes beyond the limit.
    func append(_ block: UnsafeRawBufferPointer) {
        state.withLock { state in
            state.bytes.append(contentsOf: block)
            if state.bytes.count > limit {
                state.bytes.removeFirst(state.bytes.count - limit)
                state.dropped = true
            }
        }
    }

    /// The text, trimmed, with `…` in front when older output was dropped, passed through `redact`.
    func text(redact: (String) -> String) -> String {
        let (bytes, dropped) = state.withLock { ($0.bytes, $0.dropped) }
        let text = String(decoding: bytes, as: UTF8.self).trimmingWhitespace
        return redact(dropped ? "…" + text : text)
    }
}
