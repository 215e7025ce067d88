import BackupRepository

extension ConfigurationStore {
    /// The database `id` unless it does not exist or was deleted.
    /// - Throws: `StoreError` `notFound`.
    func liveDatabase(_ id: Int64) async throws -> ConfiguredDatabase {
        guard let database = try await database(id: id), database.deletedAt == nil else {
            throw StoreError(.notFound, "database \(id) does not exist")
        }
        return database
    }

    /// Every database, deleted ones included (runs of a deleted database keep its name), by id.
    func databasesById() async throws -> [Int64: ConfiguredDatabase] {
        Dictionary(
            try await databases(includingDeleted: true).compactMap { database in database.id.map { ($0, database) } },
            uniquingKeysWith: { first, _ in first })
    }
}
