import BackupRepository
import Foundation
import Hummingbird

/// A backup run: its database, trigger, state, times, size, checksum, error, verification, and the
/// bytes written so far while it runs. `files` only on `GET /api/backups/{id}`.
struct BackupRunResponse: ResponseEncodable, Sendable {
    let id: Int64
    let databaseId: Int64
    let databaseName: String?
    let databaseSlug: String?
    let scheduleId: Int64?
    let trigger: String
    let state: String
    let queuedAt: Date
    let startedAt: Date?
    let finishedAt: Date?
    /// Seconds from start to end, or to now while running.
    let durationSeconds: Double?
    /// The stored file's size once the run ended.
    let sizeBytes: Int64?
    /// Bytes written so far, while running.
    let progressBytes: Int64?
    let checksum: String?
    let error: String?
    let verification: VerificationResponse?
    let files: [BackupFileResponse]?

    init(_ run: BackupRun, database: ConfiguredDatabase?, files: [BackupFile], detailed: [BackupFileResponse]?, now: Date) {
        id = run.id ?? 0
        databaseId = run.databaseId
        databaseName = database?.name
        databaseSlug = database?.slug
        scheduleId = run.scheduleId
        trigger = run.trigger.rawValue
        state = run.state.rawValue
        queuedAt = run.queuedAt
        startedAt = run.startedAt
        finishedAt = run.finishedAt
        durationSeconds = run.startedAt.map { started in
            ((run.finishedAt ?? (run.state == .running ? now : started)).timeIntervalSince(started) * 1000).rounded() / 1000
        }
        let running = run.state == .running
        sizeBytes = running ? nil : run.sizeBytes
        progressBytes = running ? (run.sizeBytes ?? 0) : nil
        checksum = run.checksum
        error = run.error
        verification = files.lazy.compactMap { VerificationResponse($0) }.first
        self.files = detailed
    }
}
