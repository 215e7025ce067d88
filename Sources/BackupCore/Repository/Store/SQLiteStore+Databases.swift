import Foundation
import GRDB

extension SQLiteStore: DatabaseRepository {
    public func createDatabase(_ database: ConfiguredDatabase, password: Secret?) async throws -> ConfiguredDatabase {
        var database = database
        database.id = nil
        database.slug = Slug.make(from: database.name)
        database.deletedAt = nil
        try Self.validate(database)
        return try await write { [database, masterKey] db in
            var database = database
            try Self.checkUnique(database, in: db)
            try database.insert(db)
            if let password, let id = database.id {
                try Self.setSecret(password, for: .databasePassword(id), in: db, key: masterKey)
            }
            return database
        }
    }

    public func updateDatabase(_ database: ConfiguredDatabase, password: Secret?) async throws -> ConfiguredDatabase {
        guard let id = database.id else { throw StoreError(.notFound, "database has no id", field: "id") }
        return try await write { [masterKey] db in
            guard let stored = try ConfiguredDatabase.fetchOne(db, key: id), stored.deletedAt == nil else {
                throw StoreError(.notFound, "database \(id) does not exist")
            }
            var updated = database
            updated.slug = stored.slug
            updated.createdAt = stored.createdAt
            updated.deletedAt = nil
            try Self.validate(updated)
            try Self.checkUnique(updated, in: db)
            try updated.update(db)
            if let password { try Self.setSecret(password, for: .databasePassword(id), in: db, key: masterKey) }
            return updated
        }
    }

    public func database(id: Int64) async throws -> ConfiguredDatabase? {
        try await read { db in try ConfiguredDatabase.fetchOne(db, key: id) }
    }

    public func databases(includingDeleted: Bool) async throws -> [ConfiguredDatabase] {
        try await read { db in
            var request = ConfiguredDatabase.order(Column("name"))
            if !includingDeleted { request = request.filter(Column("deleted_at") == nil) }
            return try request.fetchAll(db)
        }
    }

    public func deleteDatabase(id: Int64) async throws {
        try await write { db in
            guard var stored = try ConfiguredDatabase.fetchOne(db, key: id) else {
                throw StoreError(.notFound, "database \(id) does not exist")
            }
            stored.deletedAt = Date()
            try stored.update(db)
            try db.execute(
                sql: "UPDATE schedule SET enabled = 0, next_run_at = NULL WHERE database_id = ?", arguments: [id])
        }
    }

    public func password(ofDatabase id: Int64) async throws -> Secret? {
        try await secret(.databasePassword(id))
    }

    static func validate(_ database: ConfiguredDatabase) throws {
        try database.validate()
    }

    /// Names and slugs are unique among live databases and deleted ones (whose files keep the slug).
    static func checkUnique(_ database: ConfiguredDatabase, in db: Database) throws {
        let others = ConfiguredDatabase.filter(Column("id") != database.id)
        if try others.filter(Column("name") == database.name).fetchCount(db) > 0 {
            throw StoreError(.conflict, "name: a database named \"\(database.name)\" already exists", field: "name")
        }
        if try others.filter(Column("slug") == database.slug).fetchCount(db) > 0 {
            throw StoreError(
                .conflict, "name: \"\(database.name)\" gives the file name \"\(database.slug)\", which another database uses",
                field: "name")
        }
    }
}
