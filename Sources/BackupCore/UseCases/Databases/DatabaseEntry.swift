public import BackupRepository

/// A configured database as the use cases hand it out: its settings and whether a password is stored
/// (the password itself is write-only and never leaves the store).
public struct DatabaseEntry: Sendable, Equatable {
    /// The stored settings.
    public let database: ConfiguredDatabase
    /// Whether a password is stored for it.
    public let passwordSet: Bool

    /// Creates an entry.
    public init(_ database: ConfiguredDatabase, passwordSet: Bool) {
        self.database = database
        self.passwordSet = passwordSet
    }

    /// The database's id (stored records always have one).
    public var id: Int64 { database.id ?? 0 }
}
