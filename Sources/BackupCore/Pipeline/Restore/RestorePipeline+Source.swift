import BackupCrypto
import BackupRepository
import BackupStorage
import Foundation

extension RestorePipeline {
    /// The backup file on local disk with its manifest: a local file as is, an S3 object downloaded into
    /// the scratch folder (resumed after a dropped connection).
    func fetch(_ source: RestoreSource, jobId: Int64) async throws(BackupError) -> FetchedBackup {
        switch source {
        case .local(let path):
            return try local(path, fileName: source.fileName, manifest: Self.manifest(beside: path), temporary: false)
        case .upload(let path, let fileName):
            return try local(path, fileName: fileName, manifest: nil, temporary: true)
        case .s3(let key):
            return try await download(key, fileName: source.fileName, jobId: jobId)
        }
    }

    private func local(_ path: String, fileName: String, manifest: BackupManifest?, temporary: Bool) throws(BackupError)
        -> FetchedBackup
    {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
            let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int64
        else { throw BackupError(.restoreSource, "no backup file at \(path)") }
        return FetchedBackup(
            path: path, fileName: fileName, manifest: manifest,
            layers: manifest.map(BackupLayers.init(manifest:)) ?? BackupLayers(fileName: fileName), size: size,
            downloadedSHA256: nil, temporary: temporary)
    }

    /// `<path>.json`, when it is a readable manifest.
    static func manifest(beside path: String) -> BackupManifest? {
        guard let data = FileManager.default.contents(atPath: BackupManifest.name(forFile: path)) else { return nil }
        return try? BackupManifest.decode(data)
    }

    private func download(_ key: String, fileName: String, jobId: Int64) async throws(BackupError) -> FetchedBackup {
        let bucket: S3Store
        do {
            guard let configured = try await s3.store(settings: store) else {
                throw BackupError(.restoreSource, "S3 is not configured: set the s3 settings (bucket, keys) to restore from a bucket")
            }
            bucket = configured
        } catch let failure as BackupError where failure.code.family == .restore {
            throw failure
        } catch {
            throw BackupError(.restoreSource, "S3: \(BackupPipeline.failure(error).message)")
        }
        let base = "\(scratchDirectory)/\(RestoreRecovery.filePrefix(jobId: jobId))"
        let manifest: BackupManifest?
        do {
            manifest = try await bucket.client.getSmallObject(key: BackupManifest.name(forFile: key)).flatMap {
                try? BackupManifest.decode($0)
            }
            guard let object = try await bucket.client.head(key: key) else {
                throw BackupError(.restoreSource, "no object \"\(key)\" in bucket \(bucket.client.configuration.bucket)")
            }
            progress.enter(.downloading, total: object.size, watching: base + "download")
            let downloaded = try await bucket.client.download(key: key, to: base + "download")
            return FetchedBackup(
                path: base + "download", fileName: fileName, manifest: manifest,
                layers: manifest.map(BackupLayers.init(manifest:)) ?? BackupLayers(fileName: fileName), size: downloaded.size,
                downloadedSHA256: downloaded.sha256, temporary: true)
        } catch let failure as BackupError where failure.code.family == .restore {
            throw failure
        } catch let error as StorageError {
            try? FileManager.default.removeItem(atPath: base + "download")
            throw BackupError(.restoreDownload, "downloading \"\(key)\" failed: \(error.message)")
        } catch {
            throw Self.failure(error)
        }
    }

    /// The hook a read of the stored file calls when it reached the file's end.
    func readToEnd(_ path: String, hashed: Bool) -> (@Sendable () -> Void)? {
        guard let hook = hooks.fileReadToEnd else { return nil }
        return { @Sendable in hook(path, hashed) }
    }

    /// Size against the manifest: a shorter file is truncated, a longer one corrupted.
    func checkSize(_ backup: FetchedBackup) throws(BackupError) {
        guard let manifest = backup.manifest else { return }
        if backup.size < manifest.sizeBytes {
            throw BackupError(.restoreTruncated, "\(backup.fileName) is truncated: \(backup.size) of the \(manifest.sizeBytes) bytes its manifest records")
        }
        if backup.size > manifest.sizeBytes {
            throw BackupError(.restoreCorrupted, "\(backup.fileName) is corrupted: it has \(backup.size) bytes, its manifest records \(manifest.sizeBytes)")
        }
    }

    /// SHA-256 against the manifest (computed while downloading, or by reading a local file once).
    func checkHash(_ backup: FetchedBackup) async throws(BackupError) {
        guard backup.manifest != nil else { return }
        let sha256: String
        if let downloaded = backup.downloadedSHA256 {
            sha256 = downloaded
        } else {
            sha256 = try await hash(backup.path)
        }
        try compareDigest(backup, sha256: sha256)
    }

    /// The file's SHA-256 against its manifest's: a difference is corruption.
    func compareDigest(_ backup: FetchedBackup, sha256: String) throws(BackupError) {
        guard let manifest = backup.manifest, sha256 != manifest.sha256 else { return }
        throw BackupError(.restoreCorrupted, "\(backup.fileName) is corrupted: its SHA-256 (\(sha256.prefix(12))…) does not match the manifest's (\(manifest.sha256.prefix(12))…)")
    }

    func hash(_ path: String) async throws(BackupError) -> String {
        let hasher = StreamHasher()
        do {
            try await ContainerFile.read(path) { bytes in
                for try await _ in CountedBytes(base: bytes, progress: progress, hasher: hasher, atEnd: readToEnd(path, hashed: true)) {}
            }
        } catch {
            throw BackupError(.restoreSource, "cannot read \(path): \(error)")
        }
        return hasher.hexDigest
    }
}
