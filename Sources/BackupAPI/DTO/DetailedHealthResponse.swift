import Foundation
import Hummingbird

/// `GET /api/health/detailed`: what an operator checks first.
struct DetailedHealthResponse: ResponseEncodable, Sendable {
    /// `ok`, or `degraded` when a database is overdue, S3 does not answer or the backup folder is not
    /// writable; `failing` when the store does not answer (then the status code is 503).
    let status: String
    let version: String
    let uptimeSeconds: Int
    let store: StoreStatus
    let backupDirectory: DirectoryStatus
    let scheduler: SchedulerState
    let s3: S3State
    let databases: [DatabaseState]

    struct StoreStatus: Codable, Sendable {
        let ok: Bool
        let error: String?
    }

    struct DirectoryStatus: Codable, Sendable {
        let path: String
        let writable: Bool
        /// Bytes of the backup files pgbm keeps there (from the store's file records).
        let usedBytes: Int64
        let totalBytes: Int64?
        let freeBytes: Int64?
    }

    struct SchedulerState: Codable, Sendable {
        let running: Bool
        let queued: Int
        let active: Int
    }

    struct S3State: Codable, Sendable {
        let configured: Bool
        let reachable: Bool?
        let checkedAt: Date?
        let error: String?
    }

    struct DatabaseState: Codable, Sendable {
        let id: Int64
        let name: String
        let slug: String
        let lastSuccessAt: Date?
        /// Seconds since the last success.
        let ageSeconds: Int?
        let nextRunAt: Date?
        let expectedBy: Date?
        /// No success by the time one was expected.
        let stale: Bool
    }
}
