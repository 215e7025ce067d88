public import BackupRepository

/// A backup run as the use cases hand it out: the run, its database (deleted ones too) and its files;
/// with ``detailed`` files (each checked on disk) when one run is shown.
public struct BackupRunEntry: Sendable, Equatable {
    /// The stored run.
    public let run: BackupRun
    /// Its database, `nil` when the record is gone.
    public let database: ConfiguredDatabase?
    /// Its files, oldest first.
    public let files: [BackupFile]
    /// Its files with their slug and on-disk state, when the run is shown on its own.
    public let detailed: [BackupFileEntry]?

    /// Creates an entry.
    public init(_ run: BackupRun, database: ConfiguredDatabase?, files: [BackupFile], detailed: [BackupFileEntry]? = nil) {
        self.run = run
        self.database = database
        self.files = files
        self.detailed = detailed
    }
}
