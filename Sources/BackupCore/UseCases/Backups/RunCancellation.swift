public import BackupRepository

/// What asking to cancel a backup run did: the run is not necessarily cancelled yet, only asked to stop.
public enum RunCancellation: Sendable, Equatable {
    /// This process runs it and was asked to stop; its state now (`cancelled` or still `running`).
    case requested(state: String)
    /// The run has already ended, in this state.
    case ended(BackupRun.State)
    /// Another process (`pgbm-cli`) runs it, in this state; cancel it there.
    case elsewhere(BackupRun.State)
}
