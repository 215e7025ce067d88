public import Foundation

/// The history of backup runs and the files they wrote.
public protocol BackupRunRepository: Sendable {
    /// Stores a queued run.
    func createRun(_ run: BackupRun) async throws -> BackupRun
    /// Moves a run to `state`, checking the state machine; `update` sets the other fields.
    func transitionRun(id: Int64, to state: BackupRun.State, at date: Date, update: @escaping @Sendable (inout BackupRun) -> Void) async throws -> BackupRun
    func run(id: Int64) async throws -> BackupRun?
    /// Runs newest first, optionally of one database or in one state.
    func runs(databaseId: Int64?, state: BackupRun.State?, limit: Int, cursor: String?) async throws -> Page<BackupRun>
    func addFile(_ file: BackupFile) async throws -> BackupFile
    func updateFile(_ file: BackupFile) async throws
    func files(runId: Int64) async throws -> [BackupFile]
    func files(databaseId: Int64) async throws -> [BackupFile]
    /// Stores the bytes a running backup has written so far (its `sizeBytes` until it ends).
    func recordProgress(runId: Int64, bytes: Int64) async throws
    /// Marks every queued or running run failed ("interrupted"): for start-up after a crash.
    func failInterruptedRuns(at date: Date) async throws -> Int
}
