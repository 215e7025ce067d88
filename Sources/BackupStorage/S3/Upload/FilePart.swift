import NIOCore
import NIOFileSystem

/// A byte range of the file being uploaded, read in blocks: once to compute its checksums
/// (``digest(_:)``), then again as the request body (``body``), never whole in memory.
///
/// Both reads see the same bytes unless the file changes during the upload; then the server's
/// checksum check refuses the part.
struct FilePart: Sendable {
    let handle: ReadFileHandle
    let path: String
    let range: Range<Int64>
    let blocks: PartBlocks

    var count: Int64 { range.upperBound - range.lowerBound }

    /// The checksums of the range (the first read), computed on NIO's thread pool as the blocks arrive.
    func digest(_ needs: PartDigest.Needs) async throws -> PartDigest {
        let (blocks, range) = (blocks, range)
        let (hasher, read) = try await handle.withUnsafeDescriptor { descriptor in
            var hasher = PartHasher(needs)
            let read = try blocks.hash(&hasher, descriptor: descriptor.rawValue, range: range)
            return (hasher, read)
        }
        guard let read else { throw CancellationError() }
        guard read == count else {
            throw StorageError(.io, "\(path) ended at byte \(range.lowerBound + read) while \(range.upperBound) were expected (did it shrink?)")
        }
        return hasher.finalize()
    }

    /// The range as an HTTP request body, one block at a time (the second read); a new read per attempt.
    var body: Body { Body(part: self) }

    /// Reads the block at `offset` (up to the block size, within the range) into `slot`.
    /// - Throws: ``StorageError`` `io` when the file ends early or cannot be read, `CancellationError`
    ///   once the part's blocks were released.
    func read(slot: Int, at offset: Int64) async throws -> ByteBuffer {
        let count = Int(min(Int64(blocks.blockSize), range.upperBound - offset))
        let blocks = blocks
        let block = try await handle.withUnsafeDescriptor { descriptor in
            try blocks.read(slot: slot, descriptor: descriptor.rawValue, offset: offset, count: count)
        }
        guard let block else { throw CancellationError() }
        guard block.readableBytes == count else {
            throw StorageError(.io, "\(path) ended at byte \(offset + Int64(block.readableBytes)) while \(range.upperBound) were expected (did it shrink?)")
        }
        return block
    }

    /// The body stream: alternates between the part's blocks, so one is read while the other is sent.
    struct Body: AsyncSequence, Sendable {
        typealias Element = ByteBuffer
        let part: FilePart

        func makeAsyncIterator() -> Iterator { Iterator(part: part, offset: part.range.lowerBound) }

        struct Iterator: AsyncIteratorProtocol {
            let part: FilePart
            var offset: Int64
            var slot = 0

            mutating func next() async throws -> ByteBuffer? {
                guard offset < part.range.upperBound else { return nil }
                let block = try await part.read(slot: slot, at: offset)
                slot += 1
                offset += Int64(block.readableBytes)
                return block
            }
        }
    }
}
