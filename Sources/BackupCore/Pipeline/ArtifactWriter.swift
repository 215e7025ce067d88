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
        try FileManager.default.createDirectory(
            atPath: (context.path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let runner = DumpRunner(connection: context.connection, logger: logger)
        let result = try await runner.dump(with: tool, options: context.dumpOptions) { output in
            try await AtomicFileWriter.write(to: context.path) { file in
                try await drain(output, into: file)
            }
        }
        return Written(size: result.value.0, sha256: result.value.1, dumpBytes: result.byteCount, warnings: result.warnings)
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
