public import BackupCore
public import BackupRepository
public import Foundation

/// A restore job (`GET /api/restore/status/{id}`, the items of `GET /api/restore/jobs`, `pgbm-cli restore
/// --json`): never a password or a passphrase (the job record holds neither).
///
/// ```swift
/// let response = RestoreJobResponse(job)
/// ```
public struct RestoreJobResponse: Encodable, Sendable {
    /// What the job found: the tools, the server, warnings, row counts.
    public struct Details: Encodable, Sendable {
        public let fileName: String?
        /// `user@host:port/database`.
        public let target: String?
        public let serverVersion: String?
        /// The program that restored (`pg_restore 16.2`).
        public let tool: String?
        /// Parallel `pg_restore` jobs used (1 when streaming).
        public let jobs: Int?
        public let warnings: String?
        /// Rows per restored table (`schema.table`), when counting was asked for.
        public let rowCounts: [String: Int64]?

        /// The public part of a job's stored details.
        public init(_ details: RestoreDetails) {
            fileName = details.fileName
            target = details.target
            serverVersion = details.serverVersion
            tool = details.tool
            jobs = details.jobs
            warnings = details.warnings
            rowCounts = details.rowCounts
        }
    }

    public let id: Int64
    /// `queued`, `running`, `succeeded`, `failed` or `cancelled`.
    public let state: String
    /// While running: `downloading`, `decrypting`, `restoring` or `verifying`.
    public let phase: String?
    /// `{"kind": "s3", "key": …}`, `{"kind": "local", "path": …}` or `{"kind": "upload", "file_name": …}`.
    public let source: JSONValue
    /// `{"database_id": 3, …}` or the connection without its password.
    public let target: JSONValue
    public let progressBytes: Int64
    public let totalBytes: Int64?
    public let error: String?
    public let details: Details?
    public let createdAt: Date
    public let startedAt: Date?
    public let finishedAt: Date?

    /// The response of `job`.
    public init(_ job: RestoreJob) {
        id = job.id ?? 0
        switch job.state {
        case .queued, .succeeded, .failed, .cancelled:
            state = job.state.rawValue
            phase = nil
        case .downloading, .decrypting, .restoring, .verifying:
            state = "running"
            phase = job.state.rawValue
        }
        source = Self.object(job.source)
        target = Self.object(job.target)
        progressBytes = job.progressBytes
        totalBytes = job.totalBytes
        error = job.error
        details = RestoreDetails.decode(job.details).map(Details.init)
        createdAt = job.createdAt
        startedAt = job.startedAt
        finishedAt = job.finishedAt
    }

    private static func object(_ json: String) -> JSONValue {
        (try? JSONDecoder().decode(JSONValue.self, from: Data(json.utf8))) ?? .object([:])
    }
}
