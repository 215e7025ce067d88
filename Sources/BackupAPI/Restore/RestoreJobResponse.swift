import BackupCore
import BackupRepository
import Foundation
import Hummingbird

/// A restore job (`GET /api/restore/status/{id}`, the items of `GET /api/restore/jobs`): never a
/// password or a passphrase (the job record holds neither).
struct RestoreJobResponse: ResponseEncodable, Sendable {
    /// What the job found: the tools, the server, warnings, row counts.
    struct Details: Encodable, Sendable {
        let fileName: String?
        let target: String?
        let serverVersion: String?
        let tool: String?
        let jobs: Int?
        let warnings: String?
        let rowCounts: [String: Int64]?
    }

    let id: Int64
    /// `queued`, `running`, `succeeded`, `failed` or `cancelled`.
    let state: String
    /// While running: `downloading`, `decrypting`, `restoring` or `verifying`.
    let phase: String?
    /// `{"kind": "s3", "key": …}`, `{"kind": "local", "path": …}` or `{"kind": "upload", "file_name": …}`.
    let source: JSONValue
    /// `{"database_id": 3, …}` or the connection without its password.
    let target: JSONValue
    let progressBytes: Int64
    let totalBytes: Int64?
    let error: String?
    let details: Details?
    let createdAt: Date
    let startedAt: Date?
    let finishedAt: Date?

    init(_ job: RestoreJob) {
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
        details = RestoreDetails.decode(job.details).map {
            Details(
                fileName: $0.fileName, target: $0.target, serverVersion: $0.serverVersion, tool: $0.tool, jobs: $0.jobs,
                warnings: $0.warnings, rowCounts: $0.rowCounts)
        }
        createdAt = job.createdAt
        startedAt = job.startedAt
        finishedAt = job.finishedAt
    }

    private static func object(_ json: String) -> JSONValue {
        (try? JSONDecoder().decode(JSONValue.self, from: Data(json.utf8))) ?? .object([:])
    }
}
