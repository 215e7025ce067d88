public import BackupRepository
import BackupStorage
import Foundation
import Logging

extension BackupService {
    /// Files with a local copy, newest first, optionally of one database.
    public func files(databaseId: Int64?, limit: Int, cursor: String? = nil) async throws -> Page<BackupFileEntry> {
        // The settings read runs beside the page's (files and databases in one transaction).
        async let general = store.settings(GeneralSettings.self)
        let (files, databases) = try await store.localFilePage(databaseId: databaseId, limit: limit, cursor: cursor)
        let directory = try await general.backupDirectory
        let items = files.items.map { BackupFileEntry(checking: $0, slug: databases[$0.databaseId]?.slug, backupDirectory: directory) }
        return Page(items: items, nextCursor: files.nextCursor)
    }

    /// The record of the file named `name` when it has a local copy, with the backup folder its path must
    /// lie in; `nil` when there is none. ``BackupFileEntry/resolveLocal(manifest:)`` finds the file on disk.
    public func localFile(named name: String) async throws -> BackupFileEntry? {
        guard let file = try await store.file(named: name), file.localPath != nil else { return nil }
        let directory = try await store.settings(GeneralSettings.self).backupDirectory
        let slug = try await store.database(id: file.databaseId)?.slug
        return BackupFileEntry(checking: file, slug: slug, backupDirectory: directory)
    }

    /// Deletes the copies `scope` names of file `name` (its manifest goes with each) and clears them from
    /// the record; audited as `backup_file.delete`. The newest successful copy of its database at a
    /// location (the one retention always keeps) needs `force`; an S3 object is deleted only when its
    /// manifest names this installation.
    /// - Throws: `StoreError` `notFound` when the file, or the copy asked for, does not exist.
    public func deleteFile(named name: String, scope: DeletionScope, force: Bool, by caller: Caller) async throws -> FileDeletionOutcome {
        guard let file = try await store.file(named: name) else { throw StoreError(.notFound, "backup file \(name) does not exist") }
        let general = try await store.settings(GeneralSettings.self)
        let (local, s3Copy) = (scope != .s3 && file.localPath != nil, scope != .local && file.s3Key != nil)
        guard local || s3Copy else {
            let missing = scope == .s3 ? "an S3 copy" : scope == .local ? "a local copy" : "any copy left"
            throw StoreError(.notFound, "backup file \(file.fileName) has no \(missing)")
        }
        if !force, let refusal = try await newestCopy(of: file, local: local, s3: s3Copy) { return .refused(refusal) }
        // The local copy is resolved before anything is deleted: a refusal leaves both copies.
        var localPaths: [String]?
        if local, let path = file.localPath {
            switch Self.localTargets(path, in: BackupFolder(general.backupDirectory)) {
            case .paths(let paths): localPaths = paths
            case .refused(let refusal):
                logger.warning("backup file not deleted: its local copy leads out of the backup folder", metadata: ["pgbm.file.name": "\(file.fileName)"])
                return .refused(refusal)
            }
        }
        var updated = file
        if s3Copy, let key = file.s3Key {
            if let refusal = try await removeObject(key, installationId: general.installationId) { return .refused(refusal) }
            updated.s3Key = nil
        }
        if let localPaths {
            try Self.removeLocal(localPaths)
            updated.localPath = nil
        }
        try await store.updateFile(updated)
        try await audit.record(
            "backup_file.delete", by: caller, target: "backup_file", id: "\(file.id ?? 0)",
            details: ["name": .string(file.fileName), "scope": .string(scope.rawValue), "force": .bool(force)])
        logger.info("backup file deleted", metadata: ["pgbm.file.name": "\(file.fileName)", "pgbm.scope": "\(scope.rawValue)"])
        let slug = try await store.database(id: file.databaseId)?.slug
        return .deleted(BackupFileEntry(updated, slug: slug, backupDirectory: general.backupDirectory, onDisk: false))
    }

    /// A refusal when a copy to delete is the newest successful one of its database at its location.
    func newestCopy(of file: BackupFile, local: Bool, s3: Bool) async throws -> FileDeletionOutcome.Refusal? {
        let files = try await store.files(databaseId: file.databaseId)
        let states = try await store.runStates(ids: Array(Set(files.map(\.runId))))
        let items = DatabaseRetention.items(files: files, runStates: states)
        for location in [RetentionItem.Location.local, .s3] where location == .local ? local : s3 {
            let newest = items.filter { $0.location == location && $0.succeeded }.max { ($0.createdAt, $0.id) < ($1.createdAt, $1.id) }
            if let newest, newest.id == (location == .local ? file.localPath : file.s3Key) {
                return .newestBackup(
                    "\(file.fileName) is the newest successful \(location.rawValue) backup of its database; add force=true to delete it")
            }
        }
        return nil
    }

    /// Removes the S3 object and its manifest when the manifest says this installation wrote them.
    func removeObject(_ key: String, installationId: String) async throws -> FileDeletionOutcome.Refusal? {
        let bucket: S3Store?
        do {
            bucket = try await s3.store(settings: store)
        } catch let failure as BackupError where failure.code.family == .backup {
            return .s3Refused(failure.message)
        }
        guard let bucket else { return .s3Refused("S3 uploads are off; the S3 copy was not deleted") }
        let manifestKey = BackupManifest.name(forFile: key)
        let manifest = try await bucket.client.getSmallObject(key: manifestKey).flatMap { try? BackupManifest.decode($0) }
        guard let manifest, manifest.installationId == installationId else {
            return .s3Refused("the S3 object's manifest does not name this installation; it was written elsewhere and is not deleted")
        }
        try await bucket.client.delete(key: key)
        try await bucket.client.delete(key: manifestKey)
        return nil
    }

    /// What deleting a local copy removes: the real paths of the file and its manifest (those on disk), or
    /// why nothing may be removed.
    enum LocalTargets {
        case paths([String])
        case refused(FileDeletionOutcome.Refusal)
    }

    /// The file at `path` and its manifest, each resolved by ``BackupFolder`` (real path inside the
    /// backup folder, as a download resolves it); a file or manifest that leads out of the folder, or
    /// is not a regular file, refuses the whole deletion.
    static func localTargets(_ path: String, in folder: BackupFolder) -> LocalTargets {
        var paths: [String] = []
        for (target, noun) in [(path, "file"), (BackupManifest.name(forFile: path), "manifest")] {
            switch folder.resolve(path: target) {
            case .file(let real): paths.append(real)
            case .missing: continue
            case .outside:
                return .refused(.outsideBackupFolder(
                    "the backup \(noun) \((target as NSString).lastPathComponent) leads out of the backup folder \(folder.path) "
                        + "(its path, or a symbolic link on it, points elsewhere); nothing was deleted"))
            case .folder, .other:
                return .refused(.outsideBackupFolder(
                    "the backup \(noun) \((target as NSString).lastPathComponent) is not a regular file; nothing was deleted"))
            }
        }
        return .paths(paths)
    }

    /// Removes the resolved paths (a failing `unlink` throws its `POSIXError`).
    static func removeLocal(_ paths: [String]) throws {
        for target in paths where unlink(target) != 0 && errno != ENOENT {
            throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
        }
    }
}
