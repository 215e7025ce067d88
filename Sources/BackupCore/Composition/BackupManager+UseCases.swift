extension BackupManager {
    /// The databases pgbm backs up (list, create, update, delete, connection test).
    public var databases: DatabaseService {
        DatabaseService(store: store, scheduler: scheduler, tester: connectionTester, logger: logger)
    }

    /// The cron schedules (list, create, update, delete, pause, resume, preview).
    public var schedules: ScheduleService {
        let clock = configuration.clock
        return ScheduleService(store: store, scheduler: scheduler, logger: logger, now: { clock.now() })
    }
}

extension BackupManager {
    /// The settings sections, their secrets and the passphrases (show, update, S3 and alert tests).
    public var settings: SettingsService {
        SettingsService(store: store, scheduler: scheduler, notifier: notifier, s3: s3, logger: logger)
    }
}
