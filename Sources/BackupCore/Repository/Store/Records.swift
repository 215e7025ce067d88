import Foundation
import GRDB

// GRDB conformances of the domain types: snake_case columns, tables named after the type.
// They stay internal to this module (nothing outside BackupRepository sees GRDB).

protocol StoredRecord: Codable, FetchableRecord, MutablePersistableRecord {}

extension StoredRecord {
    static var databaseColumnDecodingStrategy: DatabaseColumnDecodingStrategy { .convertFromSnakeCase }
    static var databaseColumnEncodingStrategy: DatabaseColumnEncodingStrategy { .convertToSnakeCase }
}

/// A record with an auto-incremented id.
protocol IdentifiedRecord: StoredRecord {
    var id: Int64? { get set }
}

extension IdentifiedRecord {
    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

extension ConfiguredDatabase: IdentifiedRecord {
    static let databaseTableName = "configured_database"

    /// Decoded column by column (read with every run list; see ``BackupRun/init(row:)``).
    init(row: Row) throws {
        guard let sslMode = SSLMode(rawValue: row["ssl_mode"]) else {
            throw StoreError(.database, "database \(row["id"] as Int64? ?? 0) has an unknown SSL mode")
        }
        self.init(
            name: row["name"], host: row["host"], port: row["port"], database: row["database"], user: row["user"],
            sslMode: sslMode, sslRootCertificate: row["ssl_root_certificate"], options: row["options"],
            retentionOverride: row["retention_override"], retentionTimeZone: row["retention_time_zone"],
            createdAt: row["created_at"])
        id = row["id"]
        slug = row["slug"]
        deletedAt = row["deleted_at"]
    }
}

extension Schedule: IdentifiedRecord {
    static let databaseTableName = "schedule"
}

extension BackupRun: IdentifiedRecord {
    static let databaseTableName = "backup_run"

    /// Decoded column by column rather than through `Codable`: the run list is the API's hottest read,
    /// and the generic decoding (with its snake_case key conversion per column and row) cost several
    /// times the query itself.
    init(row: Row) throws {
        guard let trigger = Trigger(rawValue: row["trigger"]), let state = State(rawValue: row["state"]) else {
            throw StoreError(.database, "backup run \(row["id"] as Int64? ?? 0) has an unknown trigger or state")
        }
        self.init(databaseId: row["database_id"], scheduleId: row["schedule_id"], trigger: trigger, queuedAt: row["queued_at"])
        id = row["id"]
        self.state = state
        startedAt = row["started_at"]
        finishedAt = row["finished_at"]
        sizeBytes = row["size_bytes"]
        checksum = row["checksum"]
        error = row["error"]
    }
}

extension BackupFile: IdentifiedRecord {
    static let databaseTableName = "backup_file"

    /// Decoded column by column (the run list reads the files of every run on its page; see
    /// ``BackupRun/init(row:)``).
    init(row: Row) throws {
        self.init(
            runId: row["run_id"], databaseId: row["database_id"], fileName: row["file_name"], localPath: row["local_path"],
            s3Key: row["s3_key"], format: row["format"], compression: row["compression"], encrypted: row["encrypted"],
            iterations: row["iterations"], passphraseId: row["passphrase_id"], serverVersion: row["server_version"],
            pgDumpVersion: row["pg_dump_version"], sizeBytes: row["size_bytes"], sha256: row["sha256"],
            createdAt: row["created_at"])
        id = row["id"]
        verifiedAt = row["verified_at"]
        verificationResult = row["verification_result"]
        verificationMessage = row["verification_message"]
    }
}

extension RestoreJob: IdentifiedRecord {
    static let databaseTableName = "restore_job"
}

extension AuditEvent: IdentifiedRecord {
    static let databaseTableName = "audit_event"

    /// Decoded column by column (the audit list reads a page of them per request; see
    /// ``BackupRun/init(row:)``).
    init(row: Row) throws {
        guard let actorKind = ActorKind(rawValue: row["actor_kind"]), let outcome = Outcome(rawValue: row["outcome"]) else {
            throw StoreError(.database, "audit event \(row["id"] as Int64? ?? 0) has an unknown actor kind or outcome")
        }
        self.init(
            at: row["at"], actorKind: actorKind, actor: row["actor"], action: row["action"], targetType: row["target_type"],
            targetId: row["target_id"], outcome: outcome, details: row["details"])
        id = row["id"]
    }
}

extension User: IdentifiedRecord {
    static let databaseTableName = "user"

    /// Decoded column by column (every authenticated request reads its user; see ``BackupRun/init(row:)``).
    init(row: Row) throws {
        guard let role = Role(rawValue: row["role"]) else {
            throw StoreError(.database, "user \(row["id"] as Int64? ?? 0) has an unknown role")
        }
        self.init(
            username: row["username"], passwordHash: row["password_hash"], role: role, disabled: row["disabled"],
            createdAt: row["created_at"])
        id = row["id"]
    }
}

extension APIToken: IdentifiedRecord {
    static let databaseTableName = "api_token"

    /// Decoded column by column (every token-authenticated request reads it).
    init(row: Row) throws {
        self.init(userId: row["user_id"], name: row["name"], tokenHash: row["token_hash"], createdAt: row["created_at"], expiresAt: row["expires_at"])
        id = row["id"]
        lastUsedAt = row["last_used_at"]
    }
}

extension UserSession: StoredRecord {
    static let databaseTableName = "user_session"

    /// Decoded column by column (every session-authenticated request reads it).
    init(row: Row) throws {
        self.init(
            tokenHash: row["token_hash"], userId: row["user_id"], csrfTokenHash: row["csrf_token_hash"], createdAt: row["created_at"],
            expiresAt: row["expires_at"])
    }
}
