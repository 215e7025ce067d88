public import BackupRepository
public import Foundation

/// A backup run: its database, trigger, state, times, size, checksum, error, verification, and the
/// bytes written so far while it runs. `files` only on `GET /api/backups/{id}` (and `pgbm-cli backup run`).
///
/// ```swift
/// let response = BackupRunResponse(run, database: database, files: files, detailed: nil, now: Date())
/// ```
public struct BackupRunResponse: Encodable, Sendable {
    public let id: Int64
    public let databaseId: Int64
    public let databaseName: String?
    public let databaseSlug: String?
    public let scheduleId: Int64?
    /// `schedule`, `manual` or `cli`.
    public let trigger: String
    /// `queued`, `running`, `succeeded`, `failed` or `cancelled`.
    public let state: String
    public let queuedAt: Date
    public let startedAt: Date?
    public let finishedAt: Date?
    /// Seconds from start to end, or to now while running.
    public let durationSeconds: Double?
    /// The stored file's size once the run ended.
    public let sizeBytes: Int64?
    /// Bytes written so far, while running.
    public let progressBytes: Int64?
    public let checksum: String?
    public let error: String?
    public let verification: VerificationResponse?
    public let files: [BackupFileResponse]?

    /// The response of `run`.
    ///
    /// - Parameters:
    ///   - run: the stored record.
    ///   - database: its database (removed ones included), when known.
    ///   - files: its file records (the verification comes from them).
    ///   - detailed: the files to list in `files`, or `nil` to leave the member out.
    ///   - now: the end of a running run's duration.
    public init(
        _ run: BackupRun, database: ConfiguredDatabase?, files: [BackupFile], detailed: [BackupFileResponse]?, now: Date
    ) {
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
            ((run.finishedAt ?? (run.state == .running ? now : started)).timeIntervalSince(started) * 1000).rounded()
                / 1000
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
