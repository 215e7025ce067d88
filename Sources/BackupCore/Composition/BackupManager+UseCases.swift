extension BackupManager {
    /// The databases pgbm backs up (list, create, update, delete, connection test).
    public var databases: DatabaseService {
        DatabaseService(store: store, scheduler: scheduler, tester: connectionTester, logger: logger)
    }
}
