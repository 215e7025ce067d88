/// The PostgreSQL databases pgbm backs up.
public protocol DatabaseRepository: Sendable {
    /// Validates and stores a new database (the slug derived from its name), with its password.
    func createDatabase(_ database: ConfiguredDatabase, password: Secret?) async throws -> ConfiguredDatabase
    /// Updates the connection settings (name, slug and creation time stay); `password` `nil` keeps the stored one.
    func updateDatabase(_ database: ConfiguredDatabase, password: Secret?) async throws -> ConfiguredDatabase
    /// The database, deleted ones included.
    func database(id: Int64) async throws -> ConfiguredDatabase?
    /// Databases by name; deleted ones only when asked.
    func databases(includingDeleted: Bool) async throws -> [ConfiguredDatabase]
    /// Marks the database deleted and disables its schedules (clearing their next run); its history stays.
    func deleteDatabase(id: Int64) async throws
    /// The stored password.
    func password(ofDatabase id: Int64) async throws -> Secret?
}
