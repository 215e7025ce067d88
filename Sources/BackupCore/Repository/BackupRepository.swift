/// Domain model and the SQLite configuration store. Filled by the store issue.
public enum BackupRepository {
    /// The module's name, as shown in diagnostics.
    public static let moduleName = "BackupRepository"
}
