import Foundation

/// Cuts a byte stream into blocks of a fixed size, holding the latest full block back until more bytes
/// arrive: only the end of the stream shows which block is the last one.
///
/// Writers use it on plaintext (blocks of `chunk size`), readers on stored chunks (`chunk size + 16`).
/// Whole blocks in the middle of a large input are passed on as slices of it, without copying.
struct BlockSplitter: Sendable {
    let size: Int
    /// The bytes not yet passed on: at most one block, possibly full.
    private(set) var held = Data()

    init(size: Int) {
        self.size = size
        held.reserveCapacity(size)
    }

    /// Passes on every block that is now known not to be the last; keeps the rest.
    mutating func feed<Bytes: DataProtocol, Failure: Error>(
        _ bytes: Bytes, _ emit: (any DataProtocol) throws(Failure) -> Void
    ) throws(Failure) {
        precondition(size > 0, "BlockSplitter needs a positive block size")
        var rest = bytes[...]
        while !rest.isEmpty {
            if held.count == size {
                try emit(held)
                held.removeAll(keepingCapacity: true)
            }
            if held.isEmpty, rest.count > size {
                try emit(rest.prefix(size))
                rest = rest.dropFirst(size)
                continue
            }
            let take = min(size - held.count, rest.count)
            held.append(contentsOf: rest.prefix(take))
            rest = rest.dropFirst(take)
        }
    }

    /// Hands over the held bytes (the last block) and empties the splitter.
    mutating func takeHeld() -> Data {
        defer { held = Data() }
        return held
    }
}
