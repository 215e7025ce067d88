import Foundation
import GRDB

/// The store's schema, as named migrations. A released migration is never edited: changes are new
/// migrations. Tests upgrade a database made by each earlier set.
enum StoreMigrations {
    /// Every migration name, oldest first.
    static let names = [
        "v1: configuration, history, secrets, audit", "v2: list indexes", "v3: restore job holder and details",
        "v4: backup file indexes", "v5: webhook and heartbeat URLs sealed",
    ]

    /// The `meta` key a migration sets when it removed cleartext that may linger in free pages and the WAL;
    /// ``SQLiteStore`` then rebuilds the file (`VACUUM`) and truncates the WAL, and removes the key.
    static let scrubPending = "scrub_pending"

    /// The migrations; `masterKey` seals what a migration moves into the secret table (a migrator without
    /// one can apply every migration before v5, as tests that build an old store do).
    static func migrator(masterKey: MasterKey?) -> DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration(names[0], migrate: createSchema)
        migrator.registerMigration(names[1], migrate: addListIndexes)
        migrator.registerMigration(names[2], migrate: addRestoreJobHolder)
        migrator.registerMigration(names[3], migrate: addFileIndexes)
        migrator.registerMigration(names[4]) { db in
            guard let masterKey else { throw StoreError(.masterKey, "migration v5 seals secrets and needs the master key") }
            try sealNotificationURLs(db, key: masterKey)
        }
        return migrator
    }

    static func createSchema(_ db: Database) throws {
        try db.create(table: "meta") { t in
            t.primaryKey("key", .text)
            t.column("value", .blob).notNull()
        }
        try db.create(table: "configured_database") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("name", .text).notNull().unique(onConflict: .abort)
            t.column("slug", .text).notNull().unique(onConflict: .abort)
            t.column("host", .text).notNull()
            t.column("port", .integer).notNull()
            t.column("database", .text).notNull()
            t.column("user", .text).notNull()
            t.column("ssl_mode", .text).notNull()
            t.column("ssl_root_certificate", .text)
            t.column("options", .text).notNull()
            t.column("retention_override", .text)
            t.column("retention_time_zone", .text).notNull()
            t.column("created_at", .datetime).notNull()
            t.column("deleted_at", .datetime)
        }
        try db.create(table: "schedule") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("database_id", .integer).notNull().references("configured_database")
            t.column("cron", .text).notNull()
            t.column("time_zone", .text).notNull()
            t.column("enabled", .boolean).notNull()
            t.column("next_run_at", .datetime)
            t.column("last_run_at", .datetime)
            t.column("created_at", .datetime).notNull()
        }
        try db.create(table: "backup_run") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("database_id", .integer).notNull().references("configured_database")
            t.column("schedule_id", .integer).references("schedule", onDelete: .setNull)
            t.column("trigger", .text).notNull()
            t.column("state", .text).notNull()
            t.column("queued_at", .datetime).notNull()
            t.column("started_at", .datetime)
            t.column("finished_at", .datetime)
            t.column("size_bytes", .integer)
            t.column("checksum", .text)
            t.column("error", .text)
        }
        try db.create(table: "backup_file") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("run_id", .integer).notNull().references("backup_run")
            t.column("database_id", .integer).notNull().references("configured_database")
            t.column("file_name", .text).notNull()
            t.column("local_path", .text)
            t.column("s3_key", .text)
            t.column("format", .text).notNull()
            t.column("compression", .text).notNull()
            t.column("encrypted", .boolean).notNull()
            t.column("iterations", .integer)
            t.column("passphrase_id", .text)
            t.column("server_version", .text).notNull()
            t.column("pg_dump_version", .text).notNull()
            t.column("size_bytes", .integer).notNull()
            t.column("sha256", .text).notNull()
            t.column("created_at", .datetime).notNull()
            t.column("verified_at", .datetime)
            t.column("verification_result", .text)
            t.column("verification_message", .text)
        }
        try db.create(table: "restore_job") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("state", .text).notNull()
            t.column("source", .text).notNull()
            t.column("target", .text).notNull()
            t.column("progress_bytes", .integer).notNull()
            t.column("total_bytes", .integer)
            t.column("error", .text)
            t.column("created_at", .datetime).notNull()
            t.column("started_at", .datetime)
            t.column("finished_at", .datetime)
        }
        try db.create(table: "setting") { t in
            t.primaryKey("key", .text)
            t.column("value", .text).notNull()
        }
        try db.create(table: "secret") { t in
            t.primaryKey("name", .text)
            t.column("sealed", .blob).notNull()
            t.column("updated_at", .datetime).notNull()
        }
        try db.create(table: "audit_event") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("at", .datetime).notNull()
            t.column("actor_kind", .text).notNull()
            t.column("actor", .text).notNull()
            t.column("action", .text).notNull()
            t.column("target_type", .text)
            t.column("target_id", .text)
            t.column("outcome", .text).notNull()
            t.column("details", .text).notNull()
        }
        try db.execute(sql: """
            CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event
            BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
            CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event
            BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
            """)
        try db.create(table: "user") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("username", .text).notNull().unique(onConflict: .abort)
            t.column("password_hash", .text).notNull()
            t.column("role", .text).notNull()
            t.column("disabled", .boolean).notNull()
            t.column("created_at", .datetime).notNull()
        }
        try db.create(table: "user_session") { t in
            t.primaryKey("token_hash", .text)
            t.column("user_id", .integer).notNull().references("user", onDelete: .cascade)
            t.column("csrf_token_hash", .text).notNull()
            t.column("created_at", .datetime).notNull()
            t.column("expires_at", .datetime).notNull()
        }
        try db.create(table: "api_token") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("user_id", .integer).notNull().references("user", onDelete: .cascade)
            t.column("name", .text).notNull()
            t.column("token_hash", .text).notNull().unique()
            t.column("created_at", .datetime).notNull()
            t.column("last_used_at", .datetime)
            t.column("expires_at", .datetime)
        }
        try db.create(table: "lease") { t in
            t.primaryKey("name", .text)
            t.column("holder", .text).notNull()
            t.column("expires_at", .datetime).notNull()
        }
    }

    static func addListIndexes(_ db: Database) throws {
        try db.create(index: "backup_run_by_database", on: "backup_run", columns: ["database_id", "id"])
        try db.create(index: "backup_run_by_state", on: "backup_run", columns: ["state", "id"])
        try db.create(index: "audit_event_by_action", on: "audit_event", columns: ["action", "id"])
        try db.create(index: "audit_event_by_actor", on: "audit_event", columns: ["actor", "id"])
        try db.create(index: "audit_event_by_target", on: "audit_event", columns: ["target_type", "target_id", "id"])
        try db.create(index: "audit_event_by_time", on: "audit_event", columns: ["at"])
    }

    /// Which process runs a restore job (so another process can tell a dead one's job), and what the
    /// job found (JSON: tools, warnings, row counts).
    static func addRestoreJobHolder(_ db: Database) throws {
        try db.alter(table: "restore_job") { t in
            t.add(column: "holder", .text)
            t.add(column: "details", .text)
        }
    }

    /// The API reads files by run (the run list), by name (downloads, deletes) and by database: without
    /// these, each is a scan of every file ever recorded.
    static func addFileIndexes(_ db: Database) throws {
        try db.create(index: "backup_file_by_run", on: "backup_file", columns: ["run_id"])
        try db.create(index: "backup_file_by_name", on: "backup_file", columns: ["file_name", "id"])
        try db.create(index: "backup_file_by_database", on: "backup_file", columns: ["database_id", "id"])
    }

    /// Moves `webhook_urls` and `heartbeat_url` out of the `notifications` document into the secret table
    /// (each sealed as its JSON text, as `NotificationSettings.sealedFields` keeps them from now on): the
    /// API always treated them as write-only secrets, but they sat in clear in `setting`.
    static func sealNotificationURLs(_ db: Database, key: MasterKey) throws {
        guard let json = try String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = 'notifications'"),
            case .object(var fields)? = JSONValue(parsing: json)
        else { return }
        var moved = false
        for (field, name) in [("webhook_urls", "notifications.webhook_urls"), ("heartbeat_url", "notifications.heartbeat_url")] {
            guard let value = fields.removeValue(forKey: field) else { continue }
            moved = true
            if !SQLiteStore.isUnset(value) {
                try SQLiteStore.setSecret(Secret(value.jsonText), for: SecretName(name), in: db, key: key)
            }
        }
        guard moved else { return }
        try db.execute(
            sql: "UPDATE setting SET value = ? WHERE key = 'notifications'", arguments: [JSONValue.object(fields).jsonText])
        try db.execute(
            sql: "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", arguments: [scrubPending, Data("v5".utf8)])
    }
}
