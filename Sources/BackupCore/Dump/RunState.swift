import Synchronization

/// What a run's tasks share: the bytes handed to the consumer, whether it read to the end of the output,
/// and whether the maximum run time stopped the program.
final class RunState: Sendable {
    private let count = Atomic<Int>(0)
    private let ended = Atomic<Bool>(false)
    private let stopped = Atomic<Bool>(false)

    /// Bytes handed out so far.
    var byteCount: Int { count.load(ordering: .relaxed) }
    /// Whether the consumer read to the end of the output.
    var reachedEnd: Bool { ended.load(ordering: .acquiring) }
    /// Whether the maximum run time passed and the program was stopped.
    var timedOut: Bool { stopped.load(ordering: .acquiring) }

    func add(_ bytes: Int) { count.add(bytes, ordering: .relaxed) }
    func markEnd() { ended.store(true, ordering: .releasing) }
    func markTimedOut() { stopped.store(true, ordering: .releasing) }
}
