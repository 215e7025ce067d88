import ArgumentParser
import AsyncHTTPClient
import BackupAPIModels
import BackupCore
import BackupRepository
import BackupStorage
import Foundation
import Logging
import PgbmOptions

extension Pgbm.RestoreCommand {
    /// `restore backups`: what can be restored, read from the bucket's (or backup folder's) manifests.
    struct RestoreBackups: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "backups",
            abstract: "List the backups in the configured bucket (or, with --local, the backup folder) from their manifests.",
            discussion: "Works on a fresh installation: nothing is read from pgbm's database but the S3 settings.")

        @OptionGroup var shared: SharedOptions
        @Flag(help: "List the backup folder instead of the bucket.") var local = false
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await CLIError.reporting {
                let entries: [CatalogEntryResponse]
                if local {
                    let store = try shared.openStore()
                    let setting = try await store.settings(GeneralSettings.self).backupDirectory
                    let directory = setting.isEmpty ? shared.resolvedBackupDir : setting
                    entries = try await CatalogEntryResponse.list(
                        BackupCatalog.list(directory: directory), directory: directory, in: store)
                } else {
                    entries = try await Self.bucketEntries(shared: shared)
                }
                try output.emit(PageResponse(items: entries, nextCursor: nil)) {
                    entries.isEmpty ? "no backups" : entries.map(\.text).joined(separator: "\n")
                }
            }
        }

        /// The backups in the configured bucket, read through one manager (its store and S3 client).
        static func bucketEntries(shared: SharedOptions) async throws -> [CatalogEntryResponse] {
            try await shared.withManager(label: "pgbm.s3", writesBackups: true) { manager in
                guard let bucket = try await manager.s3.store(settings: manager.store) else {
                    throw CLIFailure("S3 is not configured: set s3.enabled, s3.bucket and the keys (pgbm-cli settings)", code: 64)
                }
                return try await CatalogEntryResponse.list(BackupCatalog.list(bucket: bucket), directory: nil, in: manager.store)
            }
        }
    }
}
