public import BackupCore
public import BackupRepository
public import Foundation

/// A configured database as the API and `pgbm-cli db --json` show it. The password is write-only: only
/// `password_set` shows whether one is stored.
///
/// ```swift
/// let response = DatabaseResponse(database, passwordSet: secrets.contains(.databasePassword(database.id ?? 0)))
/// ```
public struct DatabaseResponse: Encodable, Sendable, Equatable {
    public let id: Int64
    public let name: String
    /// Names the backup files; derived from the name at creation and never changed.
    public let slug: String
    public let host: String
    public let port: Int
    public let database: String
    public let user: String
    public let passwordSet: Bool
    /// `disable`, `prefer`, `require` or `verify-full`.
    public let sslMode: String
    public let sslRootCertificate: String?
    public let options: String
    public let retentionTimeZone: String
    /// Whether a retention policy overrides the global one.
    public let retentionOverridden: Bool
    /// The overriding policy (`{"daily": 30, …}`), absent when the global one applies.
    public let retentionOverride: JSONValue?
    public let createdAt: Date
    /// When the database was removed; absent while it is live.
    public let deletedAt: Date?

    /// The response of `database`.
    ///
    /// - Parameters:
    ///   - database: the stored record.
    ///   - passwordSet: whether the store holds a password for it (never the password).
    public init(_ database: ConfiguredDatabase, passwordSet: Bool) {
        id = database.id ?? 0
        name = database.name
        slug = database.slug
        host = database.host
        port = database.port
        self.database = database.database
        user = database.user
        self.passwordSet = passwordSet
        sslMode = database.sslMode.rawValue
        sslRootCertificate = database.sslRootCertificate
        options = database.options
        retentionTimeZone = database.retentionTimeZone
        retentionOverridden = database.retentionOverride != nil
        retentionOverride = database.retentionOverride.map { JSONValue(parsing: $0) ?? .string($0) }
        createdAt = database.createdAt
        deletedAt = database.deletedAt
    }

    /// The response for a use case's database entry.
    public init(_ entry: DatabaseInfo) {
        self.init(entry.database, passwordSet: entry.passwordSet)
    }
}
