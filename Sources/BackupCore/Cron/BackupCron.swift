/// Cron expressions and next-run times. Filled by the cron issue.
public enum BackupCron {
    /// The module's name, as shown in diagnostics.
    public static let moduleName = "BackupCron"
}
