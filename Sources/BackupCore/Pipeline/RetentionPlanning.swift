import BackupRepository
import Foundation

/// Retention over the store's records: reads a database, its policy, its files and their runs' states,
/// and hands them to the pure ``DatabaseRetention`` (Retention/ never reads the store).
enum RetentionPlanning {
    /// The plan from the store's current records.
    /// - Parameters:
    ///   - databaseId: the database whose files are planned.
    ///   - store: the store holding the database, its runs and files, and the retention settings.
    ///   - now: the instant the policy's periods count back from.
    ///   - finishing: a run whose backup just succeeded but whose record is still `running`
    ///     (the pipeline applies retention before the run ends).
    static func plan(
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
