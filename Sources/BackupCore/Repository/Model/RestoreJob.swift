public import Foundation

/// A restore running (or run) as a background job.
public struct RestoreJob: Sendable, Equatable, Codable, Identifiable {
    /// The job's states, in order.
    public enum State: String, Sendable, Codable, CaseIterable {
        case queued, downloading, decrypting, restoring, verifying, succeeded, failed, cancelled

        /// Whether the job has ended.
        public var isFinal: Bool { self == .succeeded || self == .failed || self == .cancelled }
    }

    public var id: Int64?
    public var state: State
    /// Where the backup comes from, as JSON (`{"kind":"s3","key":"…"}`); never contains secrets.
    public var source: String
    /// Where it goes, as JSON (`{"database_id":3}` or a connection without password).
    public var target: String
    public var progressBytes: Int64
    public var totalBytes: Int64?
    public var error: String?
    /// The process running the job (``LeaseHolder`` format), so a job left by a dead process can be failed.
    public var holder: String?
    /// What the job found, as JSON (the tools used, `pg_restore`'s warnings, row counts per table).
    public var details: String?
    public var createdAt: Date
    public var startedAt: Date?
    public var finishedAt: Date?

    /// Creates a queued job.
    public init(source: String, target: String, createdAt: Date = Date()) {
        self.state = .queued
        self.source = source
        self.target = target
        self.progressBytes = 0
        self.createdAt = createdAt
    }
}
