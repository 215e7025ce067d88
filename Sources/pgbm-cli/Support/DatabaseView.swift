import BackupRepository
import Foundation

/// A configured database as the CLI shows it: every setting, and whether a password is stored (never
/// the password).
struct DatabaseView: Encodable, Sendable {
    let id: Int64
    let name: String
    let slug: String
    let host: String
    let port: Int
    let database: String
    let user: String
    let sslMode: String
    let sslRootCert: String?
    let options: String
    let retentionOverride: JSONValue?
    let retentionTimezone: String
    let passwordSet: Bool
    let createdAt: Date
    let deletedAt: Date?

    init(_ database: ConfiguredDatabase, passwordSet: Bool) {
        id = database.id ?? 0
        name = database.name
        slug = database.slug
        host = database.host
        port = database.port
        self.database = database.database
        user = database.user
        sslMode = database.sslMode.rawValue
        sslRootCert = database.sslRootCertificate
        options = database.options
        retentionOverride = database.retentionOverride.map { JSONValue(parsing: $0) ?? .string($0) }
        retentionTimezone = database.retentionTimeZone
        self.passwordSet = passwordSet
        createdAt = database.createdAt
        deletedAt = database.deletedAt
    }

    /// The view of `database`, whose password is set when `secrets` (the stored secret names) has it.
    init(_ database: ConfiguredDatabase, secrets: [SecretName]) {
        self.init(database, passwordSet: database.id.map { secrets.contains(.databasePassword($0)) } ?? false)
    }

    /// The view of `database`, asking the store whether a password is set (without decrypting it).
    init(_ database: ConfiguredDatabase, in store: SQLiteStore) throws {
        self.init(database, secrets: try store.secretNames())
    }

    /// `key: value` lines for `db show`.
    var lines: [String] {
        var fields = [
            ("id", "\(id)"), ("name", name), ("slug", slug), ("host", host), ("port", "\(port)"),
            ("database", database), ("user", user), ("password", passwordSet ? "set" : "not set"),
            ("ssl mode", sslMode), ("ssl root cert", sslRootCert ?? "-"), ("options", options.isEmpty ? "-" : options),
            ("retention", retentionOverride?.jsonText ?? "global policy"), ("retention zone", retentionTimezone),
            ("created", CLIOutput.date(createdAt)),
        ]
        if let deletedAt { fields.append(("deleted", CLIOutput.date(deletedAt))) }
        return fields.map { "\($0.0 + ":")".padding(toLength: 16, withPad: " ", startingAt: 0) + $0.1 }
    }
}
