import BackupCore
import BackupRepository
import BackupStorage
import Foundation
import HTTPTypes

/// The checks and steps of deleting a backup file's copies (`DELETE /api/backups/files/{name}`).
enum FileDeletion {
    /// Which copies go.
    struct Plan: Sendable {
        let local: Bool
        let s3: Bool
    }

    /// The copies `scope` removes; 404 when the file has none of them, 409 `newest_backup` when one is
    /// the newest successful copy of its database at its location and `force` is off (the same copy
    /// retention always keeps).
    static func plan(_ file: BackupFile, scope: DeletionScope, force: Bool, store: any ConfigurationStore) async throws -> Plan {
        let plan = Plan(
            local: scope != .s3 && file.localPath != nil, s3: scope != .local && file.s3Key != nil)
        guard plan.local || plan.s3 else {
            let missing = scope == .s3 ? "an S3 copy" : scope == .local ? "a local copy" : "any copy left"
            throw APIError.notFound("backup file \(file.fileName) has no \(missing)")
        }
        guard !force else { return plan }
        let files = try await store.files(databaseId: file.databaseId)
        let states = try await store.runStates(ids: Array(Set(files.map(\.runId))))
        let items = DatabaseRetention.items(files: files, runStates: states)
        for location in [RetentionItem.Location.local, .s3] where location == .local ? plan.local : plan.s3 {
            let newest = items.filter { $0.location == location && $0.succeeded }
                .max { ($0.createdAt, $0.id) < ($1.createdAt, $1.id) }
            let own = location == .local ? file.localPath : file.s3Key
            if let newest, newest.id == own {
                throw APIError(
                    .conflict, code: .newestBackup,
                    message: "\(file.fileName) is the newest successful \(location.rawValue) backup of its database; add force=true to delete it")
            }
        }
        return plan
    }

    /// Removes the file and its manifest; only below `directory`.
    static func removeLocal(_ path: String, directory: String) throws {
        guard path.hasPrefix(directory + "/"), !path.contains("/../") else {
            throw APIError(.conflict, code: .conflict, message: "the file's recorded path is outside the backup folder; nothing was deleted")
        }
        for target in [path, BackupManifest.name(forFile: path)] where unlink(target) != 0 && errno != ENOENT {
            throw APIError(
                .internalServerError, code: .internalError,
                message: "cannot delete \((target as NSString).lastPathComponent): \(String(cString: strerror(errno)))")
        }
    }

    /// The configured bucket; `409 s3_refused` when S3 is off or its settings are incomplete.
    static func bucket(_ s3: S3Connector, store: StoreAccess) async throws -> S3Store {
        let bucket: S3Store?
        do {
            bucket = try await store { store in try await s3.store(settings: store) }
        } catch let failure as BackupError where failure.code.family == .backup {
            throw APIError(.conflict, code: .s3Refused, message: failure.message)
        }
        guard let bucket else { throw APIError(.conflict, code: .s3Refused, message: "S3 uploads are off; the S3 copy was not deleted") }
        return bucket
    }

    /// Removes the S3 object and its manifest when the manifest says this installation wrote them.
    static func removeObject(_ key: String, installationId: String, bucket: S3Store) async throws {
        let manifestKey = BackupManifest.name(forFile: key)
        let manifest = try await bucket.client.getSmallObject(key: manifestKey).flatMap { try? BackupManifest.decode($0) }
        guard let manifest, manifest.installationId == installationId else {
            throw APIError(
                .conflict, code: .s3Refused,
                message: "the S3 object's manifest does not name this installation; it was written elsewhere and is not deleted")
        }
        try await bucket.client.delete(key: key)
        try await bucket.client.delete(key: manifestKey)
    }
}
