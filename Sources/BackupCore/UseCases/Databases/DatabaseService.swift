import BackupDump
public import BackupRepository
import Logging

/// The databases pgbm backs up: list, show, create, update, delete and connection test. The API's
/// `/api/config/databases` and `pgbm-cli db` both call it, so validation, the store calls and the audit
/// event are the same from either.
///
/// ```swift
/// let entry = try await manager.databases.create(
///     ConfiguredDatabase(name: "Billing", host: "db1", database: "billing", user: "backup"),
///     password: Secret("s3cret"), by: .commandLine())
/// ```
public struct DatabaseService: UseCase {
    let store: any ConfigurationStore
    let scheduler: Scheduler
    let tester: ConnectionTester
    let logger: Logger

    /// The databases ordered by name: the live ones, and the deleted ones too when asked.
    public func list(includingDeleted: Bool = false) async throws -> [DatabaseInfo] {
        let databases = try await store.databases(includingDeleted: includingDeleted)
        let secrets = Set(try await store.secretNames())
        return databases.map { DatabaseInfo($0, passwordSet: secrets.contains(.databasePassword($0.id ?? 0))) }
    }

    /// One live database.
    /// - Throws: `StoreError` `notFound` when it does not exist or was deleted.
    public func get(_ id: Int64) async throws -> DatabaseInfo {
        try await entry(try await store.liveDatabase(id))
    }

    /// Validates and stores a new database, with its password when one is given; audited as
    /// `database.create`.
    /// - Throws: `StoreError` `invalid` naming the field; `StoreError` `conflict` when the name or slug is taken.
    public func create(_ database: ConfiguredDatabase, password: Secret?, by caller: Caller) async throws -> DatabaseInfo {
        try database.validate()
        try TextRule.secret.check(password?.revealed, field: "password")
        let created = try await store.createDatabase(database, password: password)
        let entry = DatabaseInfo(created, passwordSet: password != nil)
        logger.info("database created", metadata: ["pgbm.database.id": "\(entry.id)", "pgbm.database.slug": "\(created.slug)"])
        try await audit.record(
            "database.create", by: caller, target: "database", id: "\(entry.id)",
            details: ["name": .string(created.name), "slug": .string(created.slug), "password_set": .bool(password != nil)])
        return entry
    }

    /// Changes a live database: `edit` gets the stored settings and changes what it wants; the id, slug
    /// and creation time stay. Audited as `database.update` with the changed fields
    /// (old and new values) and what happened to the password.
    ///
    /// - Parameters:
    ///   - id: The database.
    ///   - password: Keep, replace or clear the stored password.
    ///   - caller: Who asks, for the audit log.
    ///   - edit: Changes the settings.
    /// - Throws: `StoreError` `notFound`; `StoreError` `invalid` naming the field; `conflict` on a taken name.
    public func update(
        _ id: Int64, password: PasswordChange = .keep, by caller: Caller,
        _ edit: (inout ConfiguredDatabase) throws -> Void
    ) async throws -> DatabaseInfo {
        let stored = try await store.liveDatabase(id)
        var changed = stored
        try edit(&changed)
        changed.id = id
        changed.slug = stored.slug
        changed.createdAt = stored.createdAt
        changed.deletedAt = nil
        try changed.validate()
        var secret: Secret?
        if case .replace(let value) = password { secret = value }
        try TextRule.secret.check(secret?.revealed, field: "password")
        let updated = try await store.updateDatabase(changed, password: secret)
        if password == .clear { try await store.setSecret(nil, for: .databasePassword(id)) }
        logger.info("database updated", metadata: ["pgbm.database.id": "\(id)"])
        try await audit.record(
            "database.update", by: caller, target: "database", id: "\(id)",
            details: [
                "name": .string(updated.name), "changed": .object(AuditTrail.changes(from: stored, to: updated)),
                "password": .string(password.auditText),
            ])
        return try await entry(updated)
    }

    /// Marks a live database deleted (its history, name and slug stay) and disables its schedules;
    /// audited as `database.delete`.
    /// - Returns: the deleted database and how many enabled schedules were disabled.
    /// - Throws: `StoreError` `notFound`.
    @discardableResult
    public func delete(_ id: Int64, by caller: Caller) async throws -> (entry: DatabaseInfo, schedulesDisabled: Int) {
        let database = try await store.liveDatabase(id)
        let schedules = try await store.schedules(databaseId: id).filter(\.enabled).count
        try await store.deleteDatabase(id: id)
        logger.info("database deleted", metadata: ["pgbm.database.id": "\(id)"])
        try await audit.record(
            "database.delete", by: caller, target: "database", id: "\(id)",
            details: ["name": .string(database.name), "schedules_disabled": .integer(schedules)])
        await scheduler.schedulesDidChange()
        return (try await entry(try await store.database(id: id) ?? database), schedules)
    }

    /// Connects with the stored settings: the server's version, the database's size and SSL, or why the
    /// connection failed (a failed connection is a result, not a thrown error).
    /// - Throws: `StoreError` `notFound` when the database does not exist.
    public func testConnection(_ id: Int64) async throws -> ConnectionCheck {
        let settings = try await DatabaseConnection.settings(for: try await store.liveDatabase(id), store: store)
        do {
            return ConnectionCheck(try await tester.test(settings, logger: logger))
        } catch {
            let check = ConnectionCheck(error)
            logger.info(
                "connection test failed", metadata: ["pgbm.database.id": "\(id)", "pgbm.connection.error": "\(check.failure?.code ?? "")"])
            return check
        }
    }

    func entry(_ database: ConfiguredDatabase) async throws -> DatabaseInfo {
        DatabaseInfo(database, passwordSet: try await store.secretNames().contains(.databasePassword(database.id ?? 0)))
    }
}
