public import BackupRepository

/// What verifying a run's local file gave: the result (recorded on the file and audited), or why there
/// was nothing to verify.
public enum RunVerification: Sendable, Equatable {
    /// The file was verified (`passed` or `failed`, with the message).
    case verified(file: BackupFile, BackupManifest.Verification)
    /// The run has no file on disk.
    case noLocalFile
    /// The verification could not run (no passphrase, no `pg_restore`): why.
    case unavailable(String)
}
