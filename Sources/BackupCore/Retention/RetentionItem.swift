public import Foundation

/// One stored backup file or object, as retention sees it.
///
/// ```swift
/// let item = RetentionItem(
///     id: "app_20261126T020000Z.dump.zst.enc", createdAt: started, succeeded: true, location: .local,
///     sizeBytes: 52_428_800)
/// ```
public struct RetentionItem: Sendable, Equatable {
    /// Where a copy of a backup is stored. Each location is pruned on its own.
    public enum Location: String, Sendable, Codable, CaseIterable {
        /// The local backup directory.
        case local
        /// The S3-compatible bucket.
        case s3
    }

    /// The file name or object key; unique within its location.
    public var id: String
    /// When the backup was taken; decides its calendar periods and its order.
    public var createdAt: Date
    /// False for a failed run or a file whose verification failed; such items never fill a bucket.
    public var succeeded: Bool
    /// Where this copy is stored.
    public var location: Location
    /// The stored size, when known; counted in `RetentionPlan.bytesFreed`.
    public var sizeBytes: Int64?

    /// An item.
    ///
    /// - Parameters:
    ///   - id: the file name or object key, unique within its location.
    ///   - createdAt: when the backup was taken.
    ///   - succeeded: whether the backup is usable.
    ///   - location: where this copy is stored.
    ///   - sizeBytes: the stored size, if known.
    public init(id: String, createdAt: Date, succeeded: Bool, location: Location, sizeBytes: Int64? = nil) {
        self.id = id
        self.createdAt = createdAt
        self.succeeded = succeeded
        self.location = location
        self.sizeBytes = sizeBytes
    }
}
