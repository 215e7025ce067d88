import BackupCrypto
import BackupDump
import Foundation
import Logging

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension RestorePipeline {
    /// Streams the archive into the database this restore created before the file's SHA-256 is known,
    /// hashing the file on the same read, then compares the digest with the manifest's.
    ///
    /// Only authenticated plaintext reaches `pg_restore` (the decryptor releases a chunk after its tag
    /// verified); the whole-file digest is the check against a file swapped or cut relative to its
    /// manifest. A mismatch, or a stream that failed because of the file (corrupted, truncated), drops the
    /// database — nobody else's data was in it — and fails the job. Another failure (a `pg_restore` error,
    /// a cancel) leaves it for inspection, as for any restore with `create`.
    func restoreThenCheck(
        _ backup: FetchedBackup, key: ContainerKey?, tool: PostgresTool, target: RestoreConnection, options: RestoreOptions
    ) async throws -> String {
        let hasher = StreamHasher()
        let warnings: String
        do {
            warnings = try await restore(backup, key: key, expanded: nil, tool: tool, target: target, options: options, hasher: hasher)
        } catch {
            let failure = Self.failure(error)
            guard failure.code != .restoreCancelled, !Task.isCancelled else { throw error }
            // A file that does not match its manifest is the cause, whatever pg_restore made of it.
            if let digest = try? await completedDigest(backup, hasher: hasher), let mismatch = mismatch(backup, sha256: digest) {
                throw await dropCreated(target, because: mismatch)
            }
            if [.restoreCorrupted, .restoreTruncated].contains(failure.code) {
                throw await dropCreated(target, because: failure)
            }
            throw error
        }
        if let mismatch = mismatch(backup, sha256: try await completedDigest(backup, hasher: hasher)) {
            throw await dropCreated(target, because: mismatch)
        }
        return warnings
    }

    /// The SHA-256 of the whole file: `hasher` holds the bytes the stream read; a stream that stopped
    /// before the end (`pg_restore` needed no more) is completed from the same offset of the file.
    func completedDigest(_ backup: FetchedBackup, hasher: StreamHasher) async throws(BackupError) -> String {
        let read = hasher.byteCount
        guard read < backup.size else { return hasher.hexDigest }
        do {
            try await ContainerFile.read(backup.path) { file in
                guard lseek(file.descriptor, off_t(read), SEEK_SET) == off_t(read) else {
                    throw BackupError(.restoreSource, "cannot seek to byte \(read) of \(backup.path)")
                }
                for try await _ in CountedBytes(base: file, progress: progress, hasher: hasher, atEnd: readToEnd(backup.path, hashed: true)) {}
            }
        } catch {
            throw BackupError(.restoreSource, "cannot read \(backup.path): \(error)")
        }
        return hasher.hexDigest
    }

    /// The corruption error when `sha256` is not the manifest's.
    func mismatch(_ backup: FetchedBackup, sha256: String) -> BackupError? {
        do {
            try compareDigest(backup, sha256: sha256)
            return nil
        } catch {
            return error
        }
    }

    /// Drops the database this restore created and filled from a file that proved bad; returns `failure`
    /// saying what became of the database.
    func dropCreated(_ target: RestoreConnection, because failure: BackupError) async -> BackupError {
        let name = target.database.database
        guard target.maintenance.database != name else {
            return BackupError(failure.code, "\(failure.message); drop the database \"\(name)\" this restore created by hand")
        }
        do {
            try await PostgresQuery().dropDatabase(named: name, force: target.server.version.major >= 13, on: target.maintenance)
            logger.warning("restore: dropped the database it created from a bad file", metadata: ["database": "\(name)"])
            return BackupError(failure.code, "\(failure.message); the database \"\(name)\" this restore created was dropped")
        } catch {
            return BackupError(
                failure.code, "\(failure.message); dropping the database \"\(name)\" this restore created failed (\(error.description)): drop it by hand")
        }
    }
}
