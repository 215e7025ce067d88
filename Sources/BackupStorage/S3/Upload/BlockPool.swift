import NIOConcurrencyHelpers
import NIOCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The read buffers of one upload: fixed-size blocks, made once and handed from part to part.
///
/// A part borrows ``PartBlocks/depth`` blocks, reads its bytes through them one block at a time
/// (first to hash, then to send) and returns them when its upload is over, so an upload holds
/// `parallel parts × depth × blockSize` bytes of file data whatever the file's size.
final class BlockPool: Sendable {
    /// Bytes per block.
    let blockSize: Int
    private let state: NIOLockedValueBox<State>

    private struct State {
        var free: [ByteBuffer] = []
        var allocations = 0
    }

    /// 1 MiB: few reads per part, little memory.
    static let defaultBlockSize = 1 << 20

    init(blockSize: Int = defaultBlockSize) {
        self.blockSize = blockSize
        state = NIOLockedValueBox(State())
    }

    /// Blocks made so far, by ``take(_:)`` or because a block was still shared (by a write NIO had not
    /// finished) when it was read into again. Stays at the peak number in use when blocks are reused.
    var allocations: Int { state.withLockedValue { $0.allocations } }

    /// `count` blocks, empty, each with room for ``blockSize`` bytes.
    func take(_ count: Int) -> [ByteBuffer] {
        state.withLockedValue { state in
            var blocks: [ByteBuffer] = []
            while blocks.count < count, var block = state.free.popLast() {
                block.clear()
                blocks.append(block)
            }
            while blocks.count < count {
                state.allocations += 1
                blocks.append(ByteBufferAllocator().buffer(capacity: blockSize))
            }
            return blocks
        }
    }

    /// Returns blocks for the next part.
    func give(_ blocks: [ByteBuffer]) {
        state.withLockedValue { $0.free.append(contentsOf: blocks) }
    }

    func countReplacement() {
        state.withLockedValue { $0.allocations += 1 }
    }
}

/// The blocks one part reads into, behind a lock: a body stream of a failed attempt may still be
/// reading when the next attempt starts, and after ``release()`` it finds no blocks and stops.
///
/// A block handed to the HTTP client is shared with it until its bytes are written; reading into
/// the block again only copies it (copy on write) if that write has not finished yet.
final class PartBlocks: Sendable {
    /// Blocks per part: one being sent while the next is read.
    static let depth = 2

    private let pool: BlockPool
    private let blocks: NIOLockedValueBox<[ByteBuffer]?>

    init(pool: BlockPool) {
        self.pool = pool
        blocks = NIOLockedValueBox(pool.take(Self.depth))
    }

    var blockSize: Int { pool.blockSize }

    /// Reads `count` bytes at `offset` of `descriptor` into block `slot` and returns it (shared).
    /// Blocking: call it on a thread that may block (`withUnsafeDescriptor`).
    /// - Returns: the block, shorter than `count` only at the end of the file; `nil` after ``release()``.
    func read(slot: Int, descriptor: CInt, offset: Int64, count: Int) throws -> ByteBuffer? {
        try blocks.withLockedValue { blocks -> ByteBuffer? in
            guard blocks != nil else { return nil }
            let index = slot % Self.depth
            _ = try Self.fill(&blocks![index], descriptor: descriptor, offset: offset, count: count, pool: pool)
            return blocks![index]
        }
    }

    /// Replaces the contents of `block` with up to `count` bytes at `offset`; counts a block that had
    /// to be copied because it was still shared.
    private static func fill(_ block: inout ByteBuffer, descriptor: CInt, offset: Int64, count: Int, pool: BlockPool) throws -> Int {
        let before = block.withVeryUnsafeBytes { $0.baseAddress }
        block.clear()
        var done = 0
        while done < count {
            let read = try block.writeWithUnsafeMutableBytes(minimumWritableBytes: count - done) { target in
                try readAt(descriptor, into: UnsafeMutableRawBufferPointer(rebasing: target.prefix(count - done)), at: offset + Int64(done))
            }
            if read == 0 { break }
            done += read
        }
        if block.withVeryUnsafeBytes({ $0.baseAddress }) != before { pool.countReplacement() }
        return done
    }

    /// Reads `range` of `descriptor` block by block into the first block and feeds each to `hasher`,
    /// without handing a block out (so the next read never finds it shared). Blocking, like ``read(slot:descriptor:offset:count:)``.
    /// - Returns: the bytes read (fewer than the range only at the end of the file); `nil` after ``release()``.
    func hash(_ hasher: inout PartHasher, descriptor: CInt, range: Range<Int64>) throws -> Int64? {
        try blocks.withLockedValue { blocks -> Int64? in
            guard blocks != nil else { return nil }
            var offset = range.lowerBound
            while offset < range.upperBound {
                let count = Int(min(Int64(pool.blockSize), range.upperBound - offset))
                let read = try Self.fill(&blocks![0], descriptor: descriptor, offset: offset, count: count, pool: pool)
                blocks![0].withUnsafeReadableBytes { hasher.update($0) }
                offset += Int64(read)
                if read < count { break }
            }
            return offset - range.lowerBound
        }
    }

    /// Hands the blocks back to the pool; later reads return `nil`.
    func release() {
        if let taken = blocks.withLockedValue({ blocks in defer { blocks = nil }; return blocks }) {
            pool.give(taken)
        }
    }

    private static func readAt(_ descriptor: CInt, into buffer: UnsafeMutableRawBufferPointer, at offset: Int64) throws -> Int {
        while true {
            let result = pread(descriptor, buffer.baseAddress, buffer.count, off_t(offset))
            if result >= 0 { return result }
            if errno != EINTR { throw StorageError(.io, "cannot read the file: \(String(cString: strerror(errno)))") }
        }
    }
}
