public import BackupRepository

/// What asking to cancel a restore job did.
public enum RestoreCancellation: Sendable, Equatable {
    /// This process runs it and was asked to stop; it ends `cancelled` shortly.
    case requested
    /// The job has already ended, in this state.
    case ended(RestoreJob.State)
    /// Another process (`pgbm-cli`, named by its holder) runs it; stop it there.
    case elsewhere(holder: String?)
}
