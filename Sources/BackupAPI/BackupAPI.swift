import BackupCore

/// The REST API and web UI. Filled by the REST API issue.
public enum BackupAPI {
    /// The version the API reports.
    public static var version: String { BackupCore.version }
}
