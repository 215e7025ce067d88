/// Finding and running `pg_dump` / `pg_restore`. Filled by the dump-engine issue.
public enum BackupDump {
    /// The module's name, as shown in diagnostics.
    public static let moduleName = "BackupDump"
}
