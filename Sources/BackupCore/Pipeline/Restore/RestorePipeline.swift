import BackupCrypto
import BackupDump
public import BackupRepository
import Foundation
import Logging

/// What restores need of the configuration store.
public typealias RestoreStore = RestoreJobRepository & DatabaseRepository & SettingsRepository & SecretStore & AuditLog

/// One restore, step by step: the checks side by side (connect to the target, fetch the file — an S3
/// download only once the target answered —, its size, the passphrase against its header, the installed
/// programs, the SHA-256 pass when it runs on its own, then the archive's table of contents) → choose
/// `pg_restore` → prepare the database → restore → verify.
///
/// Nothing touches an existing database before the file proved whole (SHA-256 and size against the
/// manifest; without a manifest, a full authenticated decryption and decompression pass) and the
/// passphrase proved right. With `jobs` above 1 and several tables the decompressed archive is written to
/// a scratch file so `pg_restore --jobs` can seek in it; that one pass also authenticates and hashes the
/// file. Otherwise the archive streams from the stored file through decryption and zstd straight into
/// `pg_restore`; into a database this restore creates, that stream starts before the SHA-256 is known
/// and computes it on the way, and a mismatch drops the database (``restoreThenCheck(_:key:tool:target:options:)``).
/// Only plaintext of authenticated chunks ever reaches `pg_restore`.
struct RestorePipeline: Sendable {
    let store: any RestoreStore
    let locator: ToolLocator
    let s3: S3Connector
    /// Folder for downloads, the expanded archive and passfiles; files are `pgbm-restore-<job>-…`.
    let scratchDirectory: String
    let progress: RestoreProgress
    let logger: Logger
    var hooks = RestoreHooks()

    /// Runs the restore of job `jobId`.
    func run(jobId: Int64, request: RestoreRequest) async throws -> RestoreDetails {
        var details = RestoreDetails()
        try makeScratchDirectory()
        let checks = try await check(request, jobId: jobId)
        let (target, backup, key) = (checks.target, checks.backup, checks.key)
        defer { if backup.temporary { try? FileManager.default.removeItem(atPath: backup.path) } }
        details.target = target.summary
        details.serverVersion = target.server.version.text
        details.fileName = backup.fileName
        let parallel = Self.runsInParallel(request.options, layers: backup.layers, listing: checks.listing)
        details.jobs = parallel ? request.options.jobs : 1
        // A SHA-256 left for later is compared by the pass that expands the archive, after streaming into
        // the database this restore creates, or — an existing database — now, before anything touches it.
        let hashAfterStream = checks.hashPending && !parallel && request.target.create
        if checks.hashPending && !parallel && !request.target.create { try await checkHash(backup) }
        let expanded = try await prepareArchive(
            backup, key: key, expand: parallel, hash: checks.hashPending, programs: checks.programs, jobId: jobId)
        defer { if let expanded { try? FileManager.default.removeItem(atPath: expanded) } }
        let tool = try chooseTool(backup, listing: checks.listing, target: target, programs: checks.programs)
        details.tool = "\(tool.kind.rawValue) \(tool.version.text)"
        try await prepareDatabase(target, request: request, format: backup.layers.format)
        progress.enter(.restoring)
        details.warnings = hashAfterStream
            ? try await restoreThenCheck(backup, key: key, tool: tool, target: target, options: request.options)
            : try await restore(backup, key: key, expanded: expanded, tool: tool, target: target, options: request.options)
        progress.enter(.verifying)
        details.rowCounts = try await verify(target, listing: checks.listing, countRows: request.countRows)
        return details
    }

    /// Whether `pg_restore --jobs` runs: asked for, a custom archive, and at least two tables with data
    /// (with one, parallel workers have nothing to share, and streaming needs no scratch copy).
    static func runsInParallel(_ options: RestoreOptions, layers: BackupLayers, listing: ArchiveContents?) -> Bool {
        options.jobs > 1 && layers.format == "custom" && (listing?.entries.filter { $0.kind == "TABLE DATA" }.count ?? 0) >= 2
    }

    /// Creates the scratch folder (0700) when it does not exist.
    func makeScratchDirectory() throws(BackupError) {
        do {
            try FileManager.default.createDirectory(
                atPath: scratchDirectory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw BackupError(.restoreScratch, "cannot create the scratch folder \(scratchDirectory): \(error.localizedDescription)")
        }
    }

    /// A thrown error as the job's failure.
    static func failure(_ error: any Error) -> BackupError {
        switch error {
        case let failure as BackupError where failure.code.family == .restore: failure
        case is CancellationError: BackupError(.restoreCancelled, "cancelled")
        case let error as DumpError where error.code == .cancelled: BackupError(.restoreCancelled, "cancelled")
        case let error as DumpError where error.code == .inputFailed && error.underlyingError != nil:
            archiveFailure(error.underlyingError!)
        case let error as DumpError: BackupError(.restoreFailed, error.description)
        case let failure as BackupError where failure.code.family == .backup: BackupError(.restoreSource, failure.message)
        default: BackupError(.restoreFailed, "\(error)")
        }
    }
}
