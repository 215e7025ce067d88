public import Foundation
import Subprocess

/// A running program's standard output as an async sequence of byte blocks (`Data`, at most one pipe
/// buffer each, 64 KiB on Linux), read as the program writes them — never collected in memory.
///
/// Valid only inside the closure that receives it; iterate it once, to its end. A consumer that stops
/// early makes the run fail with ``DumpError/Code/outputNotConsumed``. Iteration throws
/// `CancellationError` once the task is cancelled.
///
/// ```swift
/// let result = try await runner.dump(with: pgDump) { output in
///     for try await block in output { try file.write(contentsOf: block) }
/// }
/// ```
public struct DumpOutput: AsyncSequence, Sendable {
    /// A block of bytes.
    public typealias Element = Data

    /// The process id of the running program (for diagnostics and tests).
    public let processID: Int32

    private let source: SubprocessOutputSequence
    private let state: RunState

    init(source: SubprocessOutputSequence, processID: Int32, state: RunState) {
        self.source = source
        self.processID = processID
        self.state = state
    }

    /// Starts reading; call once.
    public func makeAsyncIterator() -> Iterator {
        Iterator(base: source.makeAsyncIterator(), state: state)
    }

    /// Reads the blocks in order.
    public struct Iterator: AsyncIteratorProtocol {
        private var base: SubprocessOutputSequence.Iterator
        private let state: RunState

        init(base: SubprocessOutputSequence.Iterator, state: RunState) {
            self.base = base
            self.state = state
        }

        /// The next block, `nil` at the end of the output.
        public mutating func next() async throws -> Data? {
            try Task.checkCancellation()
            guard let buffer = try await base.next() else {
                state.markEnd()
                return nil
            }
            state.add(buffer.count)
            return buffer.withUnsafeBytes { Data($0) }
        }
    }
}
