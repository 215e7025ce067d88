import BackupCrypto
import BackupDump
import BackupRepository

/// What the checks before a restore found: the target, the file and the key that opens it, the installed
/// programs and the archive's table of contents.
struct RestoreChecks: Sendable {
    let target: RestoreConnection
    let backup: FetchedBackup
    let key: ContainerKey?
    let programs: ToolDiscovery
    let listing: ArchiveContents?
    /// The file's SHA-256 is still to be compared with its manifest's: by the pass that expands the
    /// archive for `pg_restore --jobs`, or, streaming into a database this restore creates, after the stream.
    let hashPending: Bool
}

extension RestorePipeline {
    /// Runs the checks before a restore side by side: the connection to the target, the passphrase's key
    /// derivation, the discovery of the installed programs and the file's SHA-256 pass (when it is not
    /// left to a later pass over the file), then the archive's listing (which needs the key and a program)
    /// beside the rest of the hash pass.
    ///
    /// Every check is awaited in the order they used to run one after the other (target, file, size,
    /// passphrase, hash, listing), so a restore that fails in several ways reports the same error as
    /// before. A download from S3 starts only after the target answered, so none is wasted on an
    /// unreachable server.
    func check(_ request: RestoreRequest, jobId: Int64) async throws(BackupError) -> RestoreChecks {
        async let connecting = Self.attempt { () async throws(BackupError) in try await connectTarget(request.target) }
        let fetched: Result<FetchedBackup, BackupError>
        if case .s3 = request.source {
            _ = try (await connecting).get()
            fetched = await Self.attempt { () async throws(BackupError) in try await fetch(request.source, jobId: jobId) }
        } else {
            fetched = await Self.attempt { () async throws(BackupError) in try await fetch(request.source, jobId: jobId) }
        }
        let backup: FetchedBackup
        switch fetched {
        case .success(let fetchedBackup):
            backup = fetchedBackup
        case .failure(let failure):
            _ = try (await connecting).get()
            throw failure
        }
        progress.enter(.decrypting, total: backup.size)
        let sized = Result { () throws(BackupError) in try checkSize(backup) }
        let hashPending = Self.defersHash(backup, request: request)
        async let hashed = Self.attempt { () async throws(BackupError) in
            if case .success = sized, !hashPending { try await checkHash(backup) }
        }
        async let keyed = Self.attempt { () async throws(BackupError) in try await key(for: backup, given: request.passphrase) }
        async let discovered = tools().discover(backup.layers.isArchive ? .pgRestore : .psql)

        let target = try (await connecting).get()
        try sized.get()
        let derivedKey = try (await keyed).get()
        let programs = await discovered
        async let listed = Self.attempt { () async throws(BackupError) in
            try await listing(backup, key: derivedKey, programs: programs)
        }
        try (await hashed).get()
        let contents: ArchiveContents?
        do {
            contents = try (await listed).get()
        } catch where hashPending && [.restoreCorrupted, .restoreTruncated].contains(error.code) {
            // A file damaged at its start: the manifest's hash names it, as when it was checked first.
            try await checkHash(backup)
            throw error
        }
        return RestoreChecks(
            target: target, backup: backup, key: derivedKey, programs: programs, listing: contents, hashPending: hashPending)
    }

    /// Whether the SHA-256 of a file with a manifest is left to a later pass instead of a pass of its own
    /// before the restore: when the restore creates its database (it then streams before the hash is known,
    /// and drops the database on a mismatch), or may expand the archive for `pg_restore --jobs` (that pass
    /// hashes it). A download was hashed while it arrived: nothing is left.
    static func defersHash(_ backup: FetchedBackup, request: RestoreRequest) -> Bool {
        guard backup.manifest != nil, backup.downloadedSHA256 == nil else { return false }
        return request.target.create || (request.options.jobs > 1 && backup.layers.format == "custom")
    }

    /// `body`'s value or error, for a check awaited later.
    static func attempt<T>(_ body: () async throws(BackupError) -> T) async -> Result<T, BackupError> {
        do {
            return .success(try await body())
        } catch {
            return .failure(error)
        }
    }
}
