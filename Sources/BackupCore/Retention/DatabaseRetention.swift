public import BackupRepository
public import Foundation

/// Retention for one configured database, pure: the database's policy (the global one with its override
/// applied), its time zone, and the plan over files and run states it is given (`RetentionPlanning`
/// reads them from the store).
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
}
