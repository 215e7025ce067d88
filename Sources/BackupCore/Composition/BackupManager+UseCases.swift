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
