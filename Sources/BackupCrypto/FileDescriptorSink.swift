#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
public import Foundation

#if canImport(Glibc)
private let systemWrite = Glibc.write
#elseif canImport(Darwin)
private let systemWrite = Darwin.write
#endif

/// Writes byte blocks to an open file descriptor, retrying partial writes. Does not close it.
public struct FileDescriptorSink: Sendable {
    /// The descriptor written to.
    public let descriptor: Int32
    /// Name used in errors (`-` for standard output).
    public let path: String

    /// Wraps an open descriptor.
    ///
    /// - Parameters:
    ///   - descriptor: an open, writable descriptor.
    ///   - path: the name used in error messages.
    public init(descriptor: Int32, path: String = "-") {
        self.descriptor = descriptor
        self.path = path
    }

    /// Writes all of `bytes` (blocking).
    public func write(_ bytes: Data) throws {
        try bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let n = systemWrite(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if n >= 0 {
                    offset += n
                } else if errno != EINTR {
                    throw ContainerError.fileSystemFailure("write", path: path)
                }
            }
        }
    }
}
