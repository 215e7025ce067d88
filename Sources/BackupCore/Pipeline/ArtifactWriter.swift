import BackupCrypto
import BackupDump
import BackupRepository
import BackupStorage
import Foundation
import Logging

/// Runs pg_dump and writes its output through compression and encryption into the backup file
/// (`<name>.partial`, fsynced, renamed), hashing what it writes and recording progress on the run.
struct ArtifactWriter {
    /// The file as written.
    struct Written: Sendable {
        let size: Int64
        let sha256: String
        let dumpBytes: Int
        let warnings: String
    }

    let context: BackupContext
    /// The container key, derived beforehand from the context's passphrase (`nil`: not encrypted).
    let key: ContainerKey?
    let store: any PipelineStore
    let logger: Logger
    /// Progress is stored every this many bytes.
    static let progressInterval: Int64 = 8 << 20

    func write(with tool: PostgresTool) async throws -> Written {
        try Self.prepareFolder(of: context.path, in: BackupFolder(context.general.backupDirectory))
        let runner = DumpRunner(connection: context.connection, logger: logger)
        let result = try await runner.dump(with: tool, options: context.dumpOptions) { output in
            try await AtomicFileWriter.write(to: context.path) { file in
                try await drain(output, into: file)
            }
        }
        return Written(size: result.value.0, sha256: result.value.1, dumpBytes: result.byteCount, warnings: result.warnings)
    }

    /// Creates the database's folder (0700) when it is missing, and refuses one that leads out of the
    /// backup folder (a symbolic link pointing elsewhere): pgbm writes only where it may later read and
    /// delete (``BackupFolder``).
    /// - Throws: ``BackupError`` `backup.write` naming the folder.
    static func prepareFolder(of path: String, in backups: BackupFolder) throws {
        let folder = (path as NSString).deletingLastPathComponent
        if backups.realPath == nil {
            try FileManager.default.createDirectory(
                atPath: backups.path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        }
        if case .missing = backups.resolve(path: folder) {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        }
        switch backups.resolve(path: folder) {
        case .folder: return
        case .outside:
            throw BackupError(
                .backupWrite,
                "the database folder \(folder) leads out of the backup folder \(backups.path) (a symbolic link pointing elsewhere?); "
                    + "pgbm writes backups only inside the backup folder")
        default:
            throw BackupError(.backupWrite, "\(folder) is not a folder; move it away so pgbm can create the database's folder")
        }
    }

    /// The stages this backup needs, chosen by compression and encryption.
    func drain(_ output: DumpOutput, into file: AtomicFileWriter) async throws -> (Int64, String) {
        switch (context.compression, key) {
        case (.zstd(let level, let workers), let key?):
            return try await sink(try output.zstdCompressed(level: level, workers: workers).containerEncrypted(key: key), file)
        case (.zstd(let level, let workers), nil):
            return try await sink(try output.zstdCompressed(level: level, workers: workers), file)
        case (_, let key?):
            return try await sink(output.containerEncrypted(key: key), file)
        case (_, nil):
            return try await sink(output, file)
        }
    }

    /// Writes every block, hashing it; stores the byte count on the run every ``progressInterval``.
    func sink<Blocks: AsyncSequence>(_ blocks: Blocks, _ file: AtomicFileWriter) async throws -> (Int64, String)
    where Blocks.Element: DataProtocol & Sendable {
        var appender = HashingAppender(file)
        var reported: Int64 = 0
        for try await block in blocks {
            try await appender.append(block)
            if appender.size - reported >= Self.progressInterval {
                reported = appender.size
                try? await store.recordProgress(runId: context.job.runId, bytes: reported)
            }
        }
        return (appender.size, appender.sha256Hex)
    }
}
