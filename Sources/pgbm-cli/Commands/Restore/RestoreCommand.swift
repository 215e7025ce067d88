import ArgumentParser
import BackupCore
import BackupRepository
import Foundation
import PgbmOptions

extension Pgbm {
    /// `restore …`: restore a backup into any PostgreSQL server, and the restore jobs' history.
    struct RestoreCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "restore",
            abstract: "Restore a backup (local file or S3 object) into a configured database or any server; list restore jobs.",
            subcommands: [RestoreRun.self, RestoreList.self, RestoreBackups.self],
            defaultSubcommand: RestoreRun.self)

        /// The scratch folder: the option, else the `backup.scratch_directory` setting, else `<data dir>/scratch`.
        static func scratchDirectory(_ option: String?, shared: SharedOptions, store: SQLiteStore) throws -> String {
            let setting = try store.settings(BackupSettings.self).scratchDirectory
            let configured = option ?? setting
            let path = URL(fileURLWithPath: configured ?? shared.resolvedDataDir + "/scratch").standardizedFileURL.path
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            return path
        }
    }
}
