import BackupCrypto
public import BackupDump
public import BackupRepository
import BackupStorage
import Foundation
public import Logging

/// What the backup pipeline needs of the configuration store.
public typealias PipelineStore = DatabaseRepository & BackupRunRepository & SettingsRepository & SecretStore & AuditLog

/// Makes one backup, in one pass: pg_dump → zstd → encryption → SHA-256 → `<name>.partial` → fsync →
/// rename → verification (decrypt, decompress, `pg_restore --list`) → manifest → S3 upload → retention.
///
/// The pipeline is the scheduler's ``BackupWorker``; `pgbm-cli backup run` calls it directly. Each
/// step's failure fails the run with that step's message, removes the partial file and keeps every
/// earlier backup. A failed upload keeps the local backup: the run succeeds with the upload error noted.
public struct BackupPipeline: BackupWorker {
    let store: any PipelineStore
    let locator: ToolLocator
    let s3: S3Connector
    let logger: Logger
    let connectionTester = ConnectionTester()

    /// Creates a pipeline.
    /// - Parameters:
    ///   - store: the configuration store: the database, settings, passphrase, runs and files.
    ///   - locator: where the PostgreSQL tools are; the `backup` settings' paths are added per run.
    ///   - s3: builds the S3 store from the settings when uploads are on.
    ///   - logger: for the steps of each backup.
    public init(store: any PipelineStore, locator: ToolLocator = ToolLocator(), s3: S3Connector, logger: Logger) {
        self.store = store
        self.locator = locator
        self.s3 = s3
        self.logger = logger
    }

    public func runBackup(_ job: BackupJob) async -> BackupOutcome {
        var logger = self.logger
        logger[metadataKey: "run_id"] = "\(job.runId)"
        logger[metadataKey: "database_id"] = "\(job.databaseId)"
        do {
            let outcome = try await run(job, logger: logger)
            logger.info("backup succeeded", metadata: ["size": "\(outcome.sizeBytes ?? 0)"])
            return outcome
        } catch {
            let failure = Self.failure(error)
            logger.error("backup failed", metadata: ["step": "\(failure.code.kind)", "error": "\(failure.message)"])
            // A step that notices the cancellation reports it as its own failure (tool discovery: "no
            // pg_dump found", the connection test: "cannot connect"); a cancelled task ends cancelled.
            return failure.code == .backupCancelled || Task.isCancelled ? .cancelled : .failed(failure.message)
        }
    }

    func run(_ job: BackupJob, logger: Logger) async throws -> BackupOutcome {
        let context = try await BackupContext.load(job, store: store, now: Date())
        // The scheduler and ManualBackup run this under the database's lease: what an earlier run of it
        // left (a killed process's `running` record and `.partial` file) is a dead process's.
        await BackupRecovery.recover(
            databaseId: job.databaseId, slug: context.database.slug, currentRunId: job.runId, store: store,
            backupDirectory: context.general.backupDirectory, logger: logger)
        // The PBKDF2 (0.16 s at 600,000 iterations) runs beside the connection test and tool discovery;
        // the verification reads the file back with the same key instead of deriving it again.
        async let derivedKey = Self.newContainerKey(context.encryption)
        let server = try await testConnection(context)
        let tools = try await tools(context, serverMajor: server.version.major)
        try await FreeSpace.check(folder: context.general.backupDirectory, expected: expectedSize(context, server: server))
        let key = try await derivedKey
        let written = try await ArtifactWriter(context: context, key: key, store: store, logger: logger).write(with: tools.dump)
        var file = record(context, written: written, server: server, dump: tools.dump)
        let verification = try await verify(context, key: key, restore: tools.restore)
        file.verifiedAt = verification.at
        file.verificationResult = verification.result
        file.verificationMessage = verification.message
        if verification.result == "failed" { throw BackupError(.backupVerification, "verification failed: \(verification.message ?? "")") }
        let manifest = try await writeManifest(context, file: file, verification: verification)
        var outcome = BackupOutcome.succeeded(sizeBytes: written.size, checksum: written.sha256)
        do {
            file.s3Key = try await upload(context, file: file, manifest: manifest, logger: logger)
        } catch {
            outcome.error = "the S3 upload failed, the local backup is kept: \(Self.failure(error).message)"
            logger.warning("upload failed; local backup kept", metadata: ["error": "\(outcome.error ?? "")"])
        }
        _ = try await store.addFile(file)
        await applyRetention(context, logger: logger)
        return outcome
    }

    static func newContainerKey(_ encryption: BackupContext.EncryptionChoice?) throws -> ContainerKey? {
        guard let encryption else { return nil }
        return try ContainerKey.forNewContainer(
            passphrase: encryption.passphrase, parameters: EncryptionParameters(iterations: encryption.iterations))
    }

    func testConnection(_ context: BackupContext) async throws(BackupError) -> ServerInfo {
        do {
            return try await connectionTester.test(context.connection)
        } catch {
            throw BackupError(.backupConnection, "cannot connect to \(context.database.name): \(error.description)")
        }
    }

    /// The `pg_dump` for the server and the `pg_restore` that can read what it writes.
    func tools(_ context: BackupContext, serverMajor: Int) async throws(BackupError) -> (dump: PostgresTool, restore: PostgresTool) {
        let locator = locator.configured(by: context.settings)
        do {
            let dump = try await locator.tool(.pgDump, forServerMajor: serverMajor)
            let restore = try await locator.tool(.pgRestore, atLeast: [dump.version.major])
            return (dump, restore)
        } catch {
            throw BackupError(.backupTools, error.description)
        }
    }

    /// The last backup's size, or the database's size for the first one.
    func expectedSize(_ context: BackupContext, server: ServerInfo) async -> Int64 {
        (try? await store.files(databaseId: context.job.databaseId).first?.sizeBytes) ?? server.databaseSize
    }

    func record(_ context: BackupContext, written: ArtifactWriter.Written, server: ServerInfo, dump: PostgresTool) -> BackupFile {
        BackupFile(
            runId: context.job.runId, databaseId: context.job.databaseId, fileName: context.name.description,
            localPath: context.path, format: context.settings.format, compression: context.compression.method.rawValue,
            encrypted: context.encryption != nil, iterations: context.encryption?.iterations,
            passphraseId: context.encryption?.passphraseId, serverVersion: server.version.text, pgDumpVersion: dump.version.text,
            sizeBytes: written.size, sha256: written.sha256, createdAt: context.startedAt)
    }

    /// A thrown error as the run's failure.
    static func failure(_ error: any Error) -> BackupError {
        switch error {
        case let failure as BackupError where failure.code.family == .backup: failure
        case is CancellationError: BackupError(.backupCancelled, "cancelled")
        case let error as DumpError where error.code == .cancelled: BackupError(.backupCancelled, "cancelled")
        case let error as DumpError where error.code == .consumerFailed && error.underlyingError != nil:
            failure(error.underlyingError!)
        case let error as DumpError: BackupError(.backupDump, error.description)
        case let error as StorageError: BackupError(.backupWrite, error.message)
        default: BackupError(.backupWrite, "\(error)")
        }
    }
}
