import BackupRepository
import Foundation
import Hummingbird

/// A configured database as the API shows it. The password is write-only: only `password_set` shows
/// whether one is stored.
struct DatabaseResponse: ResponseEncodable, Sendable, Equatable {
    let id: Int64
    let name: String
    /// Names the backup files; derived from the name at creation and never changed.
    let slug: String
    let host: String
    let port: Int
    let database: String
    let user: String
    let passwordSet: Bool
    let sslMode: String
    let sslRootCertificate: String?
    let options: String
    let retentionTimeZone: String
    /// Whether a retention policy overrides the global one (editing it comes with the retention routes).
    let retentionOverridden: Bool
    let createdAt: Date

    init(_ database: ConfiguredDatabase, passwordSet: Bool) {
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
        createdAt = database.createdAt
    }
}
