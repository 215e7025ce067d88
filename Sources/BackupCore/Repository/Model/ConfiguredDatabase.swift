public import Foundation

/// A PostgreSQL database pgbm backs up.
public struct ConfiguredDatabase: Sendable, Equatable, Codable, Identifiable {
    /// SSL modes pgbm passes to libpq.
    public enum SSLMode: String, Sendable, Codable, CaseIterable {
        case disable, prefer, require
        case verifyFull = "verify-full"
    }

    public var id: Int64?
    /// Unique display name.
    public var name: String
    /// URL-safe slug derived from the name at creation; names the backup files and never changes.
    public var slug: String
    public var host: String
    public var port: Int
    public var database: String
    public var user: String
    public var sslMode: SSLMode
    /// PEM file of the CA for `verify-full`.
    public var sslRootCertificate: String?
    /// Extra libpq options (`-c statement_timeout=0`, …).
    public var options: String
    /// A retention policy overriding the global one, as JSON (`nil`: use the global policy).
    public var retentionOverride: String?
    /// IANA time zone for the calendar buckets of retention.
    public var retentionTimeZone: String
    public var createdAt: Date
    /// Set when deleted: the row and its history stay.
    public var deletedAt: Date?

    /// Creates a database description; the slug is derived from the name.
    public init(
        name: String, host: String, port: Int = 5432, database: String, user: String,
        sslMode: SSLMode = .prefer, sslRootCertificate: String? = nil, options: String = "",
        retentionOverride: String? = nil, retentionTimeZone: String = "UTC", createdAt: Date = Date()
    ) {
        self.name = name
        self.slug = Slug.make(from: name)
        self.host = host
        self.port = port
        self.database = database
        self.user = user
        self.sslMode = sslMode
        self.sslRootCertificate = sslRootCertificate
        self.options = options
        self.retentionOverride = retentionOverride
        self.retentionTimeZone = retentionTimeZone
        self.createdAt = createdAt
    }

    /// Checks every field; the error names the field and what is expected. Text fields follow their
    /// ``TextRule`` (no control characters; `name` 100 characters, `host` 255 bytes, `database` and `user`
    /// 63 bytes, `options` 1024 bytes, `ssl_root_certificate` 4096 bytes).
    public func validate() throws(StoreError) {
        try TextRule.name.check(name, field: "name")
        try Validate.nonEmpty(name, field: "name")
        try Validate.that(!slug.isEmpty, field: "name", "must contain at least one letter or digit")
        try TextRule.host.check(host, field: "host")
        try Validate.nonEmpty(host, field: "host")
        try Validate.that((1...65535).contains(port), field: "port", "must be between 1 and 65535, got \(port)")
        try TextRule.postgresName.check(database, field: "database")
        try Validate.nonEmpty(database, field: "database")
        try TextRule.postgresName.check(user, field: "user")
        try Validate.nonEmpty(user, field: "user")
        try TextRule.options.check(options, field: "options")
        try TextRule.path.check(sslRootCertificate, field: "ssl_root_certificate")
        try Validate.that(
            sslMode != .verifyFull || sslRootCertificate?.isEmpty == false, field: "ssl_root_certificate",
            "is required with ssl_mode verify-full")
        try Validate.timeZone(retentionTimeZone, field: "retention_time_zone")
        if let retentionOverride { _ = try RetentionSettings().applying(override: retentionOverride) }
    }
}
