import BackupDump
public import BackupRepository
import Foundation

extension RestoreRequest {
    /// The largest number of parallel `pg_restore` jobs.
    public static let maximumJobs = 16

    /// Checks every field a restore takes, before anything is fetched, connected to or created: the
    /// source's key or path, the target's connection (host, port, database, user, SSL root certificate,
    /// options and password), the database to restore into, `jobs` and the passphrase. Fields are named as
    /// the API names them (`target.connection.host`, `database`, `jobs`, `passphrase`, `key`, `file`).
    /// A configured target is checked by ``RestoreJobService/check(_:)``, which reads it from the store.
    /// - Throws: `StoreError` `invalid` naming the field.
    public func validate() throws(StoreError) {
        switch source {
        case .s3(let key): try TextRule.objectKey.check(key, field: "key")
        case .local(let path): try TextRule.path.check(path, field: "file")
        case .upload(let path, let fileName):
            try TextRule.path.check(path, field: "upload_id")
            try TextRule.shortText.check(fileName, field: "name")
        }
        try target.validate()
        if !(1...Self.maximumJobs).contains(options.jobs) {
            throw StoreError.invalid(field: "jobs", "must be between 1 and \(Self.maximumJobs), got \(options.jobs)")
        }
        try TextRule.secret.check(passphrase, field: "passphrase")
    }
}

extension RestoreTarget {
    /// Checks the database to restore into and, for a connection, each of its fields (see
    /// ``RestoreRequest/validate()``).
    /// - Throws: `StoreError` `invalid` naming the field.
    public func validate() throws(StoreError) {
        if let database {
            try TextRule.postgresName.check(database, field: "database")
            if database.isEmpty { throw StoreError.invalid(field: "database", "must be a database name of 1 to 63 bytes") }
        }
        guard case .connection(let settings) = server else { return }
        try Self.validate(settings, prefix: "target.connection.")
    }

    /// Checks connection settings given for a restore, naming each field `prefix` + its API name.
    static func validate(_ settings: ConnectionSettings, prefix: String) throws(StoreError) {
        let required: [(String, String, TextRule)] = [
            ("host", settings.host, .host), ("user", settings.user, .postgresName), ("database", settings.database, .postgresName),
        ]
        for (field, value, rule) in required {
            try rule.check(value, field: prefix + field)
            if value.trimmingCharacters(in: .whitespaces).isEmpty { throw StoreError.invalid(field: prefix + field, "must not be empty") }
        }
        if !(1...65535).contains(settings.port) {
            throw StoreError.invalid(field: prefix + "port", "must be between 1 and 65535, got \(settings.port)")
        }
        try TextRule.path.check(settings.sslRootCertificate, field: prefix + "ssl_root_certificate")
        try TextRule.options.check(settings.options, field: prefix + "options")
        try TextRule.secret.check(settings.password, field: prefix + "password")
    }
}
