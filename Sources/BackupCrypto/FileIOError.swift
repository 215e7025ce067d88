#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file-system call failed while reading or writing a container.
public struct FileIOError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What was being done: `open`, `read`, `write`, `fsync`, `rename`.
    public let operation: String
    /// The file involved (`-` for standard input/output).
    public let path: String
    /// The `errno` value reported by the system.
    public let code: Int32

    /// Creates an error.
    public init(_ operation: String, path: String, code: Int32) {
        self.operation = operation
        self.path = path
        self.code = code
    }

    /// Creates an error from the current `errno`.
    init(_ operation: String, path: String) {
        self.init(operation, path: path, code: errno)
    }

    /// A sentence an operator can act on; it never contains key material or the passphrase.
    public var description: String {
        "could not \(operation) \(path): \(String(cString: strerror(code)))"
    }
}
