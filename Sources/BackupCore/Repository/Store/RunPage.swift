/// A page of backup runs with what the run list shows beside each: its files and its database.
public struct RunPage: Sendable {
    /// The runs, newest first, and the cursor of the next page.
    public var runs: Page<BackupRun>
    /// The files of the page's runs, by run id (oldest file first within a run).
    public var files: [Int64: [BackupFile]]
    /// Every database, deleted ones included (runs of a deleted database keep its name), by id.
    public var databases: [Int64: ConfiguredDatabase]

    /// Creates a page.
    public init(runs: Page<BackupRun>, files: [Int64: [BackupFile]], databases: [Int64: ConfiguredDatabase]) {
        self.runs = runs
        self.files = files
        self.databases = databases
    }
}
