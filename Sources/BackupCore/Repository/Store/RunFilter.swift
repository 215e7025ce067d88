public import Foundation

/// Which backup runs to list; every field narrows the result.
public struct RunFilter: Sendable, Equatable {
    public var databaseId: Int64?
    public var state: BackupRun.State?
    /// Runs queued at or after this time.
    public var since: Date?
    /// Runs queued before this time.
    public var until: Date?

    /// A filter; no arguments lists every run.
    public init(databaseId: Int64? = nil, state: BackupRun.State? = nil, since: Date? = nil, until: Date? = nil) {
        self.databaseId = databaseId
        self.state = state
        self.since = since
        self.until = until
    }
}
