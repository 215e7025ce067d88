import Crypto
public import Foundation
import GRDB
public import Logging

/// The configuration store on SQLite (WAL mode), shared by the server and the CLI.
///
/// Open it once per process; it is safe to use from many tasks, and several processes may open the
/// same file at once (writes wait up to the busy timeout instead of failing).
///
/// ```swift
/// let store = try SQLiteStore.open(dataDirectory: "./data", logger: logger)
/// let db = try store.createDatabase(ConfiguredDatabase(name: "app", host: "db", database: "app", user: "backup"),
///                                   password: Secret("…"))
/// ```
public final class SQLiteStore: Sendable {
    let writer: DatabasePool
    let masterKey: MasterKey
    let logger: Logger
    /// The SQLite file.
    public let path: String

    init(writer: DatabasePool, masterKey: MasterKey, path: String, logger: Logger) {
        self.writer = writer
        self.masterKey = masterKey
        self.path = path
        self.logger = logger
    }

    /// Opens (creating if needed) `<dataDirectory>/backup_manager.db`, runs the migrations and loads the
    /// master key (`PGBM_MASTER_KEY` or `<dataDirectory>/master.key`, created on first start).
    ///
    /// - Throws: ``StoreError`` `masterKey` when the key file is readable by others, malformed, missing
    ///   while secrets are stored, or not the key the secrets were written with; nothing is overwritten.
    public static func open(
        dataDirectory: String, environment: [String: String] = ProcessInfo.processInfo.environment,
        busyTimeout: TimeInterval = 10, logger: Logger
    ) throws -> SQLiteStore {
        StoreFileModes.checkDataDirectory(dataDirectory, logger: logger)
        try FileManager.default.createDirectory(atPath: dataDirectory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let path = dataDirectory + "/backup_manager.db"
        StoreFileModes.prepare(storeFile: path, logger: logger)
        var configuration = Configuration()
        configuration.busyMode = .timeout(busyTimeout)
        configuration.foreignKeysEnabled = true
        configuration.label = "pgbm.store"
        let pool: DatabasePool
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
        } catch {
            throw StoreError(.database, "cannot open the configuration store \(path): \(error)")
        }
        // The key comes first: a migration may seal what it moves into the secret table.
        let key = try loadMasterKey(pool: pool, dataDirectory: dataDirectory, environment: environment)
        do {
            try StoreMigrations.migrator(masterKey: key).migrate(pool)
            try recordMasterKeyCheck(key, in: pool)
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(.database, "cannot open the configuration store \(path): \(error)")
        }
        scrubIfPending(pool, logger: logger)
        logger.info("configuration store opened", metadata: ["pgbm.store.path": "\(path)", "pgbm.store.master_key": "\(key.source)"])
        return SQLiteStore(writer: pool, masterKey: key, path: path, logger: logger)
    }

    /// Loads the master key and checks it against the one recorded with the first secret (a store not yet
    /// migrated, without the tables, has neither).
    static func loadMasterKey(pool: DatabasePool, dataDirectory: String, environment: [String: String]) throws -> MasterKey {
        let (recordedCheck, secretNames): (Data?, [String])
        do {
            (recordedCheck, secretNames) = try pool.read { db in
                guard try db.tableExists("meta"), try db.tableExists("secret") else { return (nil, []) }
                return (
                    try Data.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'master_key_check'"),
                    try String.fetchAll(db, sql: "SELECT name FROM secret ORDER BY name")
                )
            }
        } catch {
            throw StoreError(.database, "cannot read the configuration store \(pool.path): \(error)")
        }
        let key: MasterKey
        if let loaded = try MasterKey.load(dataDirectory: dataDirectory, environment: environment) {
            key = loaded
        } else if recordedCheck == nil && secretNames.isEmpty {
            key = try MasterKey.create(dataDirectory: dataDirectory)
        } else {
            throw StoreError(
                .masterKey,
                "the master key \(MasterKey.keyPath(dataDirectory)) is missing, but the store holds \(secretNames.count) "
                    + "encrypted secret(s) (\(secretNames.joined(separator: ", "))): restore the key file or set PGBM_MASTER_KEY; "
                    + "nothing was changed")
        }
        if let recordedCheck, recordedCheck != key.check {
            throw StoreError(
                .masterKey,
                "the master key from \(key.source) is not the one this store's secrets were written with, so "
                    + "\(secretNames.isEmpty ? "no secret" : secretNames.joined(separator: ", ")) cannot be read; "
                    + "restore the original key; nothing was changed")
        }
        return key
    }

    /// Records the key's check value with the first use of the store (kept from then on).
    static func recordMasterKeyCheck(_ key: MasterKey, in pool: DatabasePool) throws {
        try pool.write { db in
            try db.execute(sql: "INSERT OR IGNORE INTO meta (key, value) VALUES ('master_key_check', ?)", arguments: [key.check])
        }
    }

    /// After a migration removed cleartext (``StoreMigrations/scrubPending``): rebuilds the file so no free
    /// page keeps the old bytes, and truncates the WAL so none of its old frames does. Best effort: a
    /// failure is logged and the next open tries again.
    static func scrubIfPending(_ pool: DatabasePool, logger: Logger) {
        do {
            let pending = try pool.read { db in
                try Data.fetchOne(db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [StoreMigrations.scrubPending]) != nil
            }
            guard pending else { return }
            let busy = try pool.writeWithoutTransaction { db -> Int in
                try db.execute(sql: "VACUUM")
                try db.execute(sql: "DELETE FROM meta WHERE key = ?", arguments: [StoreMigrations.scrubPending])
                return try Row.fetchOne(db, sql: "PRAGMA wal_checkpoint(TRUNCATE)")?[0] ?? 1
            }
            if busy != 0 {
                logger.warning("the store's WAL could not be truncated after removing cleartext; it will be at the next checkpoint")
            } else {
                logger.notice("the store was rebuilt after moving cleartext settings into the secret table")
            }
        } catch {
            logger.warning("the store could not be rebuilt after moving cleartext settings", metadata: ["error": "\(error)"])
        }
    }

    /// Runs `body` in a write transaction on GRDB's writer queue (never on the caller's thread), mapping
    /// SQLite errors.
    ///
    /// A write is carried out even when the calling task is cancelled: the last record of a cancelled
    /// backup or restore (its `cancelled` or `interrupted` state) is written from that very task. (GRDB's
    /// `async` `write` refuses to start in a cancelled task, so this waits on `asyncWrite` instead.)
    func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        do {
            return try await withCheckedThrowingContinuation { continuation in
                writer.asyncWrite(body) { _, result in continuation.resume(with: result) }
            }
        } catch let error as StoreError {
            throw error
        } catch let error as DatabaseError {
            throw Self.map(error)
        }
    }

    /// Runs `body` in a read transaction on one of GRDB's reader queues, mapping SQLite errors; like
    /// ``write(_:)``, also from a cancelled task.
    func read<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        do {
            return try await withCheckedThrowingContinuation { continuation in
                writer.asyncRead { database in
                    continuation.resume(with: Result { try body(database.get()) })
                }
            }
        } catch let error as StoreError {
            throw error
        } catch let error as DatabaseError {
            throw Self.map(error)
        }
    }

    static func map(_ error: DatabaseError) -> StoreError {
        if error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE {
            let column = error.message?.split(separator: ".").last.map(String.init) ?? "name"
            return StoreError(.conflict, "\(column) is already taken", field: column)
        }
        return StoreError(.database, "the configuration store failed: \(error.message ?? "\(error.resultCode)")")
    }
}

extension SQLiteStore {
    /// Moves the WAL into the main file and truncates it; returns the main file's size in bytes.
    package func checkpointedSize() async throws -> Int64 {
        try await writer.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        return (try FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.int64Value ?? 0
    }
}
