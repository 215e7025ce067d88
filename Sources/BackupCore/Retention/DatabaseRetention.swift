public import BackupRepository
public import Foundation

/// Retention for one configured database, from the store's records: the database's policy (the global
/// one with its override applied), its time zone, and its files at each location.
public struct DatabaseRetention: Sendable {
    public let database: ConfiguredDatabase
    public let policy: RetentionPolicy
    public let timeZone: TimeZone

    /// The policy of `database` under the global `settings`.
    /// - Throws: `StoreError` `invalid` when the stored override or time zone is invalid.
    public init(database: ConfiguredDatabase, global settings: RetentionSettings) throws(StoreError) {
        let effective = try database.retentionOverride.map { json throws(StoreError) in
            try settings.applying(override: json)
        } ?? settings
        guard let zone = TimeZone(identifier: database.retentionTimeZone) else {
            throw StoreError.invalid(field: "retention_time_zone", "\"\(database.retentionTimeZone)\" is not an IANA time zone")
        }
        self.database = database
        self.timeZone = zone
        self.policy = RetentionPolicy(
            keepLast: effective.keepLast, daily: effective.daily, weekly: effective.weekly, monthly: effective.monthly,
            yearly: effective.yearly)
    }

    /// One item per copy of each file: the local file (by path) and the S3 object (by key). A copy counts
    /// as successful when its run succeeded and its verification did not fail.
    public static func items(files: [BackupFile], runStates: [Int64: BackupRun.State]) -> [RetentionItem] {
        files.flatMap { file -> [RetentionItem] in
            let succeeded = runStates[file.runId] == .succeeded && file.verificationResult != "failed"
            var copies: [RetentionItem] = []
            if let path = file.localPath {
                copies.append(RetentionItem(id: path, createdAt: file.createdAt, succeeded: succeeded, location: .local, sizeBytes: file.sizeBytes))
            }
            if let key = file.s3Key {
                copies.append(RetentionItem(id: key, createdAt: file.createdAt, succeeded: succeeded, location: .s3, sizeBytes: file.sizeBytes))
            }
            return copies
        }
    }

    /// What the policy keeps and deletes of the database's files at `now`: the preview, and what the
    /// backup pipeline applies after each backup.
    public func plan(files: [BackupFile], runStates: [Int64: BackupRun.State], now: Date) -> RetentionPlan {
        Retention.plan(Self.items(files: files, runStates: runStates), policy: policy, timeZone: timeZone, now: now)
    }

    /// The plan from the store's current records.
    /// - Parameters:
    ///   - databaseId: the database whose files are planned.
    ///   - store: the store holding the database, its runs and files, and the retention settings.
    ///   - now: the instant the policy's periods count back from.
    ///   - finishing: a run whose backup just succeeded but whose record is still `running`
    ///     (the pipeline applies retention before the run ends).
    public static func plan(
        databaseId: Int64, store: some DatabaseRepository & BackupRunRepository & SettingsRepository, now: Date,
        finishing: Int64? = nil
    ) async throws -> RetentionPlan {
        guard let database = try await store.database(id: databaseId) else {
            throw StoreError(.notFound, "database \(databaseId) does not exist")
        }
        let retention = try DatabaseRetention(database: database, global: try await store.settings(RetentionSettings.self))
        let files = try await store.files(databaseId: databaseId)
        var states: [Int64: BackupRun.State] = [:]
        for runId in Set(files.map(\.runId)) {
            states[runId] = runId == finishing ? .succeeded : try await store.run(id: runId)?.state
        }
        return retention.plan(files: files, runStates: states, now: now)
    }
}
