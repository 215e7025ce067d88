public import Foundation

/// An object as a store reports it.
public struct StoredObject: Sendable, Equatable {
    /// The object's key.
    public let key: ObjectKey
    /// Size in bytes.
    public let size: Int64
    /// Last modification time.
    public let modified: Date
    /// The ETag, without quotes, where the store has one (S3); `nil` for local files.
    public let etag: String?

    /// Creates a description of a stored object.
    public init(key: ObjectKey, size: Int64, modified: Date, etag: String? = nil) {
        self.key = key
        self.size = size
        self.modified = modified
        self.etag = etag
    }
}

/// What a download wrote.
public struct DownloadedObject: Sendable, Equatable {
    /// Bytes written.
    public let size: Int64
    /// SHA-256 of the bytes written, lowercase hex.
    public let sha256: String
    /// Number of times the transfer resumed after a dropped connection.
    public let resumes: Int

    /// Creates a download result.
    public init(size: Int64, sha256: String, resumes: Int = 0) {
        self.size = size
        self.sha256 = sha256
        self.resumes = resumes
    }
}
