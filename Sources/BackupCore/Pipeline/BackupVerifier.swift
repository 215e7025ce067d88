import BackupCrypto
public import BackupDump
public import BackupRepository
import Foundation
public import Logging

/// Checks a stored backup file again, as the pipeline does right after writing it: decrypt with the
/// stored passphrase, decompress, `pg_restore --list`; no plaintext touches the disk. The result is
/// recorded on the file's record (`verified_at`, `verification_result`, `verification_message`).
///
/// ```swift
/// let verification = try await BackupVerifier(store: store, logger: logger).verify(file)
/// print(verification.result)   // passed, failed or skipped
/// ```
public struct BackupVerifier: Sendable {
    let store: any PipelineStore
    let locator: ToolLocator
    let logger: Logger

    /// Creates a verifier.
    /// - Parameters:
    ///   - store: the configuration store: settings, passphrases and the file records.
    ///   - locator: where the PostgreSQL tools are; the `backup` settings' `pg_restore_path` is added.
    ///   - logger: for each verification.
    public init(store: any PipelineStore, locator: ToolLocator = ToolLocator(), logger: Logger) {
        self.store = store
        self.locator = locator
        self.logger = logger
    }

    /// Verifies the local copy of `file` and stores the result on its record.
    /// - Returns: `passed`, `failed` (with the reason) or `skipped` (plain SQL has no table of contents).
    /// - Throws: ``BackupError`` `backup.verification` when the file has no local copy, leads out of the backup
    ///   folder or cannot be opened,
    ///   `tools` when no `pg_restore` can read it, `configuration` when its passphrase is not stored.
    public func verify(_ file: BackupFile) async throws -> BackupManifest.Verification {
        let verification = try await check(file)
        var updated = file
        updated.verifiedAt = verification.at
        updated.verificationResult = verification.result
        updated.verificationMessage = verification.message
        try await store.updateFile(updated)
        logger.info(
            "backup file verified",
            metadata: ["pgbm.file.id": "\(file.id ?? 0)", "pgbm.verification.result": "\(verification.result)"])
        return verification
    }

    func check(_ file: BackupFile) async throws -> BackupManifest.Verification {
        guard file.format != "plain" else {
            return BackupManifest.Verification(result: "skipped", message: "plain SQL has no archive table of contents", at: Date())
        }
        let path = try await localCopy(of: file)
        let passphrase = try await passphrase(of: file)
        let tool = try await restoreTool(for: file)
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw BackupError(.backupVerification, "cannot open \(file.fileName) to verify it") }
        defer { close(descriptor) }
        let bytes = FileDescriptorBytes(descriptor: descriptor, path: path)
        do {
            let contents = try await list(bytes, zstd: file.compression == "zstd", passphrase: passphrase, tool: tool)
            guard !contents.entries.isEmpty else {
                return BackupManifest.Verification(result: "failed", message: "pg_restore --list found no entries", at: Date())
            }
            return BackupManifest.Verification(result: "passed", message: "\(contents.entries.count) archive entries", at: Date())
        } catch {
            return BackupManifest.Verification(result: "failed", message: "\(error)", at: Date())
        }
    }

    func list(_ bytes: FileDescriptorBytes, zstd: Bool, passphrase: String?, tool: PostgresTool) async throws -> ArchiveContents {
        let runner = RestoreRunner(logger: logger)
        switch (zstd, passphrase) {
        case (true, let passphrase?): return try await runner.list(bytes.containerDecrypted(passphrase: passphrase).zstdDecompressed(), with: tool)
        case (true, nil): return try await runner.list(bytes.zstdDecompressed(), with: tool)
        case (false, let passphrase?): return try await runner.list(bytes.containerDecrypted(passphrase: passphrase), with: tool)
        case (false, nil): return try await runner.list(bytes, with: tool)
        }
    }

    /// The real path of the file's local copy, inside the backup folder (``BackupFolder``).
    func localCopy(of file: BackupFile) async throws -> String {
        guard let recorded = file.localPath else { throw BackupError(.backupVerification, "\(file.fileName) has no local copy") }
        let folder = BackupFolder(try await store.settings(GeneralSettings.self).backupDirectory)
        switch folder.resolve(path: recorded) {
        case .file(let real): return real
        case .outside:
            throw BackupError(.backupVerification, "\(file.fileName) leads out of the backup folder \(folder.path); it is not read")
        case .missing, .folder, .other:
            throw BackupError(.backupVerification, "\(file.fileName) is not on disk")
        }
    }

    /// The stored passphrase the file was encrypted with; `nil` for an unencrypted file.
    func passphrase(of file: BackupFile) async throws -> String? {
        guard file.encrypted else { return nil }
        guard let id = file.passphraseId, let secret = try await store.secret(.passphrase(id)) else {
            throw BackupError(.backupConfiguration, "\(file.fileName) was encrypted with passphrase \"\(file.passphraseId ?? "?")\", which is not stored")
        }
        return secret.revealed
    }

    /// A `pg_restore` at least as new as the `pg_dump` that wrote the file.
    func restoreTool(for file: BackupFile) async throws -> PostgresTool {
        let locator = locator.configured(by: try await store.settings(BackupSettings.self))
        let major = PostgresVersion(versionOutput: "pg_dump (PostgreSQL) " + file.pgDumpVersion)?.major ?? 0
        do {
            return try await locator.tool(.pgRestore, atLeast: [major])
        } catch {
            throw BackupError(.backupTools, error.description)
        }
    }
}
