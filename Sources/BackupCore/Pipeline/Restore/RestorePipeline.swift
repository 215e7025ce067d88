import BackupCrypto
import BackupDump
public import BackupRepository
import Foundation
import Logging

/// What restores need of the configuration store.
public typealias RestoreStore = RestoreJobRepository & DatabaseRepository & SettingsRepository & SecretStore & AuditLog

/// One restore, step by step: fetch the file (download from S3, streamed and resumable) → connect to the
/// target → check the file against its manifest and the passphrase against its header → read the
/// archive's table of contents → choose `pg_restore` → prepare the database → restore → verify.
///
/// Nothing touches the target database before the file proved whole (SHA-256 and size against the
/// manifest; without a manifest, a full authenticated decryption and decompression pass) and the
/// passphrase proved right. With `jobs` above 1 the decompressed archive is written to a scratch file
/// (that pass authenticates it too) so `pg_restore --jobs` can seek in it; otherwise the archive streams
/// from the stored file through decryption and zstd straight into `pg_restore`.
struct RestorePipeline: Sendable {
    let store: any RestoreStore
    let locator: ToolLocator
    let s3: S3Connector
    /// Folder for downloads, the expanded archive and passfiles; files are `pgbm-restore-<job>-…`.
    let scratchDirectory: String
    let progress: RestoreProgress
    let logger: Logger

    /// Runs the restore of job `jobId`.
    func run(jobId: Int64, request: RestoreRequest) async throws -> RestoreDetails {
        var details = RestoreDetails()
        try makeScratchDirectory()
        let target = try await connectTarget(request.target)
        details.target = target.summary
        details.serverVersion = target.server.version.text
        let backup = try await fetch(request.source, jobId: jobId)
        defer { if backup.temporary { try? FileManager.default.removeItem(atPath: backup.path) } }
        details.fileName = backup.fileName
        progress.enter(.decrypting, total: backup.size)
        try checkSize(backup)
        let key = try await key(for: backup, given: request.passphrase)
        // In parallel, an encrypted file is read through (every chunk authenticated) before the target is
        // touched anyway, so hashing it first would only read it twice; that is known after the listing.
        let mayRunInParallel = request.options.jobs > 1 && backup.layers.format == "custom" && backup.layers.encrypted
        if !mayRunInParallel { try await checkHash(backup) }
        // The installed pg_restore (or psql) versions, found once: the listing, the check of a bare archive
        // and the choice of the program all pick from them.
        let programs = await tools().discover(backup.layers.isArchive ? .pgRestore : .psql)
        let listing = try await listing(backup, key: key, programs: programs)
        let parallel = Self.runsInParallel(request.options, layers: backup.layers, listing: listing)
        details.jobs = parallel ? request.options.jobs : 1
        if mayRunInParallel && !parallel { try await checkHash(backup) }
        let expanded = try await prepareArchive(backup, key: key, expand: parallel, programs: programs, jobId: jobId)
        defer { if let expanded { try? FileManager.default.removeItem(atPath: expanded) } }
        let tool = try chooseTool(backup, listing: listing, target: target, programs: programs)
        details.tool = "\(tool.kind.rawValue) \(tool.version.text)"
        try await prepareDatabase(target, request: request, format: backup.layers.format)
        progress.enter(.restoring)
        details.warnings = try await restore(backup, key: key, expanded: expanded, tool: tool, target: target, options: request.options)
        progress.enter(.verifying)
        details.rowCounts = try await verify(target, listing: listing, countRows: request.countRows)
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
