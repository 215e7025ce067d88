import Crypto
public import Foundation

/// Appends blocks to an ``AtomicFileWriter`` in order, hashing them with SHA-256 and counting them: the
/// loop behind every file pgbm streams to disk (local copies, backups).
///
/// ```swift
/// try await AtomicFileWriter.write(to: path) { file in
///     var appender = HashingAppender(file)
///     for try await block in blocks { try await appender.append(block) }
///     return appender.sha256Hex
/// }
/// ```
public struct HashingAppender {
    let file: AtomicFileWriter
    var hasher = SHA256()
    /// Bytes appended so far.
    public private(set) var size: Int64 = 0

    /// Starts at the beginning of `file`.
    public init(_ file: AtomicFileWriter) {
        self.file = file
    }

    /// Hashes `bytes` and writes them after what was appended before.
    public mutating func append(_ bytes: some DataProtocol & Sendable) async throws {
        hasher.update(data: bytes)
        try await file.write(bytes, at: size)
        size += Int64(bytes.count)
    }

    /// The SHA-256 of everything appended, lowercase hex.
    public var sha256Hex: String { hasher.finalize().hexString }
}
