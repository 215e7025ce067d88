/// Where backup files live: the `BackupStore` protocol, a local directory store and pgbm's own S3 client.
///
/// The storage issue fills this module; until then it only names itself.
public enum BackupStorage {
    /// The module's name, as shown in diagnostics.
    public static let moduleName = "BackupStorage"
}
