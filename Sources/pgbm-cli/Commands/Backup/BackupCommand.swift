import ArgumentParser

extension Pgbm {
    struct BackupCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "backup",
            abstract: "Back up a database now, and list the backup history.",
            subcommands: [BackupRun.self, BackupList.self])
    }
}
