extension BackupManager {
    /// Backup runs and files (list, show, run now, cancel, verify, delete) and the retention preview.
    public var backups: BackupService { BackupService(store: store, scheduler: scheduler, s3: s3, logger: logger) }
}

extension BackupManager {
    /// Restore jobs as people ask for them (start, show, list, cancel, uploads) and what can be restored.
    public var restoreJobs: RestoreJobService { RestoreJobService(store: store, restores: restores, s3: s3, logger: logger) }
}
