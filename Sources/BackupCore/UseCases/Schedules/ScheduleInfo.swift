public import BackupRepository

/// A stored schedule as the use cases hand it out, with the database it backs up (`nil` only if that
/// record is gone; a deleted database is still returned, with its `deletedAt`).
public struct ScheduleInfo: Sendable, Equatable {
    /// The stored schedule.
    public let schedule: Schedule
    /// The database it backs up.
    public let database: ConfiguredDatabase?

    /// Creates an entry.
    public init(_ schedule: Schedule, database: ConfiguredDatabase?) {
        self.schedule = schedule
        self.database = database
    }

    /// The schedule's id (stored records always have one).
    public var id: Int64 { schedule.id ?? 0 }
}
