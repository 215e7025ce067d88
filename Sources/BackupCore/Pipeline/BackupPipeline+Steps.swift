import BackupCrypto
import BackupDump
import BackupRepository
import BackupStorage
import Foundation
import Logging

extension BackupPipeline {
    /// Reads the file back as a restore would: decrypt, decompress, `pg_restore --list`; no plaintext
    /// touches the disk. A failure here is the backup's failure, recorded as `failed` verification.
    func verify(_ context: BackupContext, key: ContainerKey?, restore: PostgresTool) async throws -> BackupManifest.Verification {
        guard context.settings.verify, context.format != .plain else {
            return BackupManifest.Verification(result: "skipped", message: "verification is off or the format is plain SQL", at: Date())
        }
        let descriptor = open(context.path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw BackupError(.backupVerification, "cannot open \(context.path) to verify it") }
        defer { close(descriptor) }
        let bytes = FileDescriptorBytes(descriptor: descriptor, path: context.path)
        do {
            let contents = try await list(bytes, context: context, key: key, restore: restore)
            guard !contents.entries.isEmpty else {
                return BackupManifest.Verification(result: "failed", message: "pg_restore --list found no entries", at: Date())
            }
            return BackupManifest.Verification(result: "passed", message: "\(contents.entries.count) archive entries", at: Date())
        } catch {
            return BackupManifest.Verification(result: "failed", message: "\(error)", at: Date())
        }
    }

    func list(_ bytes: FileDescriptorBytes, context: BackupContext, key: ContainerKey?, restore: PostgresTool) async throws -> ArchiveContents {
        let runner = RestoreRunner(logger: logger)
        switch (context.compression, key) {
        case (.zstd, let key?):
            return try await runner.list(bytes.containerDecrypted(key: key).zstdDecompressed(), with: restore)
        case (.zstd, nil):
            return try await runner.list(bytes.zstdDecompressed(), with: restore)
        case (_, let key?):
            return try await runner.list(bytes.containerDecrypted(key: key), with: restore)
        case (_, nil):
            return try await runner.list(bytes, with: restore)
        }
    }

    /// Writes `<file>.json` beside the backup.
    func writeManifest(_ context: BackupContext, file: BackupFile, verification: BackupManifest.Verification) async throws -> BackupManifest {
        let manifest = BackupManifest(
            installationId: context.general.installationId, databaseId: context.job.databaseId,
            databaseName: context.database.name, databaseSlug: context.database.slug, fileName: file.fileName,
            serverVersion: file.serverVersion, pgDumpVersion: file.pgDumpVersion,
            pgDumpMajor: PostgresVersion(versionOutput: "pg_dump (PostgreSQL) " + file.pgDumpVersion)?.major ?? 0,
            format: file.format, compression: file.compression, startedAt: context.startedAt, finishedAt: Date(),
            sizeBytes: file.sizeBytes, sha256: file.sha256, encrypted: file.encrypted, iterations: file.iterations,
            passphraseId: file.passphraseId, scheduleId: context.job.scheduleId, runId: context.job.runId,
            verification: verification)
        let data = try manifest.encoded()
        try await AtomicFileWriter.write(to: context.path + ".json") { try await $0.write(Array(data), at: 0) }
        return manifest
    }

    /// Uploads the file and its manifest when S3 is on; returns the file's key.
    func upload(_ context: BackupContext, file: BackupFile, manifest: BackupManifest, logger: Logger) async throws -> String? {
        guard let s3 = try await s3.store(settings: store) else { return nil }
        let key = try ObjectKey(context.name.relativePath)
        let stored = try await s3.put(file: context.path, as: key)
        guard stored.size == file.sizeBytes else {
            throw BackupError(.backupUpload, "the uploaded object has \(stored.size) bytes, the backup \(file.sizeBytes)")
        }
        _ = try await s3.put(file: context.path + ".json", as: try ObjectKey(context.name.relativePath + ".json"))
        logger.info("uploaded", metadata: ["key": "\(s3.s3Key(key))"])
        return s3.s3Key(key)
    }
}
