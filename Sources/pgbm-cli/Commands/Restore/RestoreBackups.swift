import ArgumentParser
import AsyncHTTPClient
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
                let store = try shared.openStore()
                let entries: [BackupCatalog.Entry]
                if local {
                    let directory = try store.settings(GeneralSettings.self).backupDirectory
                    entries = BackupCatalog.list(directory: directory.isEmpty ? shared.resolvedBackupDir : directory)
                } else {
                    entries = try await Self.bucketEntries(store: store)
                }
                let views = entries.map(CatalogEntryView.init)
                try output.emit(views) { views.isEmpty ? "no backups" : views.map(\.text).joined(separator: "\n") }
            }
        }

        static func bucketEntries(store: SQLiteStore) async throws -> [BackupCatalog.Entry] {
            let http = S3Client.makeHTTPClient()
            do {
                guard let bucket = try S3Connector(httpClient: http, logger: Logger(label: "pgbm.s3")).store(settings: store) else {
                    throw CLIFailure("S3 is not configured: set s3.enabled, s3.bucket and the keys (pgbm-cli settings)", code: 64)
                }
                let entries = try await BackupCatalog.list(bucket: bucket)
                try await http.shutdown()
                return entries
            } catch {
                try? await http.shutdown()
                throw error
            }
        }
    }
}
