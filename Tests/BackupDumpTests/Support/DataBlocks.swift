import Foundation
import Synchronization

/// `data` as an async sequence of blocks, counting how many bytes were taken and optionally failing
/// after `failAfter` blocks.
struct DataBlocks: AsyncSequence, Sendable {
    typealias Element = Data

    let data: Data
    let blockSize: Int
    var failAfter: Int? = nil
    let taken = Counter()

    final class Counter: Sendable {
        private let value = Atomic<Int>(0)
        var bytes: Int { value.load(ordering: .relaxed) }
        func add(_ count: Int) { value.add(count, ordering: .relaxed) }
    }

    struct SourceFailure: Error, CustomStringConvertible {
        var description: String { "the test source failed on purpose" }
    }

    func makeAsyncIterator() -> Iterator { Iterator(blocks: self) }

    struct Iterator: AsyncIteratorProtocol {
        let blocks: DataBlocks
        var offset = 0
        var count = 0

        mutating func next() async throws -> Data? {
            if let failAfter = blocks.failAfter, count >= failAfter { throw SourceFailure() }
            guard offset < blocks.data.count else { return nil }
            let end = Swift.min(offset + blocks.blockSize, blocks.data.count)
            defer {
                blocks.taken.add(end - offset)
                offset = end
                count += 1
            }
            return blocks.data.subdata(in: offset..<end)
        }
    }
}
