extension BackupManager {
    /// Backup runs and files (list, show, run now, cancel, verify, delete) and the retention preview.
    public var backups: BackupService { BackupService(store: store, scheduler: scheduler, s3: s3, logger: logger) }
}
