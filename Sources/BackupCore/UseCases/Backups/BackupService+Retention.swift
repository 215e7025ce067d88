import BackupRepository
public import Foundation

extension BackupService {
    /// Every copy (local and S3) of a live database's backups with keep or delete and the reasons, as the
    /// pipeline would decide after a backup now; deletes nothing.
    /// - Returns: the database's retention (policy with its override, time zone) and the plan.
    /// - Throws: `StoreError` `notFound`; a validation error naming the field when the stored override or time zone is invalid.
    public func retentionPreview(databaseId: Int64, now: Date = Date()) async throws -> (retention: DatabaseRetention, plan: RetentionPlan) {
        let database = try await store.liveDatabase(databaseId)
        let retention = try DatabaseRetention(database: database, global: try await store.settings(RetentionSettings.self))
        return (retention, try await RetentionPlanning.plan(databaseId: databaseId, store: store, now: now))
    }
}
