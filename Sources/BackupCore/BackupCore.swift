import BackupCron
import BackupCrypto
import BackupDump
import BackupRepository
import BackupStorage

/// Scheduler, backup and restore pipelines, retention and notifications, composed from pgbm's modules.
public enum BackupCore {
    /// pgbm's version, shown by `--version` of both executables.
    public static let version = "0.1.0"
}
