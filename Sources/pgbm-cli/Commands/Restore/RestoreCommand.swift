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
    }
}
