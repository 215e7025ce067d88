import BackupCrypto
import BackupDump
import BackupRepository
import Foundation

extension RestorePipeline {
    /// The key that opens the file, derived from the passphrase that passes its header's key check: the
    /// one given for this restore, else the stored one the manifest names, else (no manifest) each stored
    /// one in turn. Derived once; every later read of the file uses it.
    func key(for backup: FetchedBackup, given: String?) async throws(BackupError) -> ContainerKey? {
        guard backup.layers.encrypted else { return nil }
        let header = try Self.header(of: backup)
        let candidates = try await candidates(for: backup, given: given)
        for candidate in candidates.passphrases {
            if let key = try? ContainerKey(passphrase: candidate, salt: header.salt, iterations: Int(header.iterations)),
                key.matches(header)
            {
                return key
            }
        }
        throw BackupError(.restorePassphrase, candidates.failure)
    }

    private func candidates(for backup: FetchedBackup, given: String?) async throws(BackupError) -> (passphrases: [String], failure: String) {
        if let given {
            return ([given], "wrong passphrase: the passphrase given does not open \(backup.fileName)")
        }
        let settings = (try? await store.settings(EncryptionSettings.self)) ?? EncryptionSettings()
        if let id = backup.manifest?.passphraseId {
            guard let stored = try? await store.secret(.passphrase(id)) else {
                throw BackupError(.restorePassphrase,
                    "\(backup.fileName) was encrypted with passphrase \"\(id)\", which this installation does not hold: give the passphrase for this restore")
            }
            return ([stored.revealed], "wrong passphrase: the stored passphrase \"\(id)\" does not open \(backup.fileName); give the passphrase for this restore")
        }
        let ids = [settings.activePassphraseId].compactMap { $0 } + settings.passphrases.map(\.id)
        var seen = Set<String>()
        var stored: [String] = []
        for id in ids where seen.insert(id).inserted {
            if let value = try? await store.secret(.passphrase(id))?.revealed { stored.append(value) }
        }
        return (stored, stored.isEmpty
            ? "\(backup.fileName) is encrypted and this installation holds no passphrase: give the passphrase for this restore"
            : "wrong passphrase: none of the \(stored.count) stored passphrases opens \(backup.fileName); give the passphrase for this restore")
    }

    private static func header(of backup: FetchedBackup) throws(BackupError) -> ContainerHeader {
        guard let handle = FileHandle(forReadingAtPath: backup.path) else {
            throw BackupError(.restoreSource, "cannot open \(backup.path)")
        }
        defer { try? handle.close() }
        let bytes = (try? handle.read(upToCount: ContainerHeader.byteCount)) ?? Data()
        guard bytes.count == ContainerHeader.byteCount else {
            throw BackupError(.restoreTruncated, "\(backup.fileName) is truncated: it ends inside the \(ContainerHeader.byteCount)-byte header")
        }
        do {
            return try ContainerHeader(decoding: bytes)
        } catch {
            throw BackupError(.restoreCorrupted, "\(backup.fileName) cannot be read: \(error.description)")
        }
    }

    /// Calls `body` with the dump's bytes: the stored file read (and counted into the progress), decrypted
    /// and decompressed as its layers say.
    /// With a `hasher`, the stored file's bytes are hashed as they are read.
    func withArchive<T>(
        _ backup: FetchedBackup, key: ContainerKey?, hasher: StreamHasher? = nil,
        _ body: (any AsyncSequence<Data, any Error>) async throws -> T
    ) async throws -> T {
        try await ContainerFile.read(backup.path) { file in
            let counted = CountedBytes(base: file, progress: progress, hasher: hasher, atEnd: readToEnd(backup.path, hashed: hasher != nil))
            switch (backup.layers.zstd, key) {
            case (true, let key?): return try await body(counted.containerDecrypted(key: key).zstdDecompressed().map { Data($0) })
            case (true, nil): return try await body(counted.zstdDecompressed().map { Data($0) })
            case (false, let key?): return try await body(counted.containerDecrypted(key: key))
            case (false, nil): return try await body(counted)
            }
        }
    }

    /// Proves the whole file before the target is touched. With `expand`, the dump is written to a
    /// scratch file for `pg_restore --jobs` and its path returned, and with `hash` that same pass computes
    /// the file's SHA-256 and compares it with the manifest's (one read of the file for both); without a
    /// manifest the file is read through to its end (every chunk authenticated, the zstd checksum checked).
    func prepareArchive(
        _ backup: FetchedBackup, key: ContainerKey?, expand: Bool, hash: Bool, programs: ToolDiscovery, jobId: Int64
    ) async throws(BackupError) -> String? {
        guard expand || backup.manifest == nil else { return nil }
        let hasher = expand && hash ? StreamHasher() : nil
        let path = "\(scratchDirectory)/\(RestoreRecovery.filePrefix(jobId: jobId))archive.dump"
        progress.enter(.decrypting)
        do {
            try await withArchive(backup, key: key, hasher: hasher) { archive in
                guard expand else {
                    try await readThrough(archive, layers: backup.layers, programs: programs)
                    return
                }
                guard FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]),
                    let handle = FileHandle(forWritingAtPath: path)
                else { throw BackupError(.restoreScratch, "cannot create \(path) in the scratch folder") }
                defer { try? handle.close() }
                for try await block in archive {
                    do {
                        try handle.write(contentsOf: block)
                    } catch {
                        throw BackupError(.restoreScratch, "cannot write the expanded archive to the scratch folder \(scratchDirectory) (is the disk full?): \(error.localizedDescription)")
                    }
                }
            }
        } catch {
            try? FileManager.default.removeItem(atPath: path)
            throw Self.archiveFailure(error)
        }
        if let hasher {
            do {
                try compareDigest(backup, sha256: hasher.hexDigest)
            } catch {
                try? FileManager.default.removeItem(atPath: path)
                throw error
            }
        }
        return expand ? path : nil
    }

    /// The archive's table of contents (`pg_restore --list`, which reads only the start of the stream);
    /// `nil` for plain SQL.
    func listing(_ backup: FetchedBackup, key: ContainerKey?, programs: ToolDiscovery) async throws(BackupError) -> ArchiveContents? {
        guard backup.layers.isArchive else { return nil }
        let tool = try Self.newest(programs)
        do {
            return try await withArchive(backup, key: key) { try await RestoreRunner(logger: logger).list($0, with: tool) }
        } catch {
            throw Self.archiveFailure(error)
        }
    }

    /// Reads an archive to its end before the target is touched: encryption and zstd check themselves
    /// while read; a bare archive (neither) is read by `pg_restore --file=/dev/null`, which fails on a
    /// truncated or damaged one.
    private func readThrough(
        _ archive: any AsyncSequence<Data, any Error>, layers: BackupLayers, programs: ToolDiscovery
    ) async throws {
        guard !layers.encrypted && !layers.zstd && layers.isArchive else {
            for try await _ in archive {}
            return
        }
        try await RestoreRunner(logger: logger).check(archive, with: try Self.newest(programs))
    }

    /// The newest installed `pg_restore`: it reads every archive version (the one that restores is chosen
    /// afterwards).
    static func newest(_ programs: ToolDiscovery) throws(BackupError) -> PostgresTool {
        guard let tool = programs.tools.last else {
            throw BackupError(.restoreVersion, "no pg_restore is installed: install postgresql-client or set backup.pg_restore_path")
        }
        return tool
    }

    /// A failure while reading the stored file, named by what broke.
    static func archiveFailure(_ error: any Error) -> BackupError {
        switch error {
        case let failure as BackupError where failure.code.family == .restore: return failure
        case let error as DumpError where error.code == .inputFailed && error.underlyingError != nil:
            return archiveFailure(error.underlyingError!)
        case let error as ContainerError:
            switch error {
            case .truncated: return BackupError(.restoreTruncated, "the backup is truncated: \(error.description)")
            case .wrongPassphrase: return BackupError(.restorePassphrase, error.description)
            case .fileSystem: return BackupError(.restoreSource, "cannot read the backup: \(error)")
            default: return BackupError(.restoreCorrupted, "the backup is corrupted: \(error.description)")
            }
        case let error as BackupError where error.code == .compressionTruncated:
            return BackupError(.restoreTruncated, "the backup is truncated: \(error)")
        case let error as BackupError where error.code.family == .compression: return BackupError(.restoreCorrupted, "the backup is corrupted: \(error)")
        case let error as DumpError where error.code == .failed:
            return BackupError(.restoreCorrupted, "the backup is not a readable archive: \(error.description)")
        case is CancellationError: return BackupError(.restoreCancelled, "cancelled")
        default: return failure(error)
        }
    }
}
