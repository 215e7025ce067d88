#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
public import Foundation

/// The bytes of an open file descriptor as an async sequence of blocks (files, pipes, standard input).
///
/// Reads are plain blocking `read(2)` calls of up to `blockSize` bytes, so iterate it from a task that
/// may block (a CLI, or a task of its own in a server), never from a NIO event loop. The descriptor is
/// not closed.
public struct FileDescriptorBytes: AsyncSequence, Sendable {
    /// A block of at most ``blockSize`` bytes.
    public typealias Element = Data

    /// The descriptor read from.
    public let descriptor: Int32
    /// Largest block returned by one iteration.
    public let blockSize: Int
    /// Name used in errors (`-` for standard input).
    public let path: String

    /// Wraps an open descriptor.
    ///
    /// - Parameters:
    ///   - descriptor: an open, readable descriptor.
    ///   - blockSize: bytes per read (default 1 MiB).
    ///   - path: the name used in error messages.
    public init(descriptor: Int32, blockSize: Int = 1 << 20, path: String = "-") {
        self.descriptor = descriptor
        self.blockSize = blockSize
        self.path = path
    }

    /// Starts reading at the descriptor's current offset.
    public func makeAsyncIterator() -> Iterator { Iterator(bytes: self) }

    /// Reads the next block; `nil` at end of file.
    ///
    /// One block buffer serves the whole file: a returned block shares its storage with the iterator,
    /// which reads the next block into it when the caller no longer holds the previous one (a caller
    /// that keeps blocks gets copies, never changed bytes).
    public struct Iterator: AsyncIteratorProtocol {
        let bytes: FileDescriptorBytes
        var done = false
        var block = Data()

        /// Reads up to ``FileDescriptorBytes/blockSize`` bytes; `nil` at end of file.
        public mutating func next() async throws -> Data? {
            guard !done else { return nil }
            if block.count != bytes.blockSize { block.count = bytes.blockSize }
            let count = try block.withUnsafeMutableBytes { buffer in
                try Self.readFully(bytes.descriptor, into: buffer, path: bytes.path)
            }
            if count < bytes.blockSize { done = true }
            guard count > 0 else { return nil }
            if count < bytes.blockSize { block.count = count }
            return block
        }

        /// Fills `buffer` unless end of file comes first; returns the bytes read.
        static func readFully(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer, path: String) throws -> Int {
            var filled = 0
            while filled < buffer.count {
                let n = read(fd, buffer.baseAddress! + filled, buffer.count - filled)
                if n > 0 {
                    filled += n
                } else if n == 0 {
                    break
                } else if errno != EINTR {
                    throw ContainerError.fileSystemFailure("read", path: path)
                }
            }
            return filled
        }
    }
}
