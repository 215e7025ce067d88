import ArgumentParser
import BackupAPIModels
import BackupCore

extension Pgbm.ScheduleCommand {
    /// `schedule remove`: deletes a stored schedule (the database and its backups stay).
    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Delete a stored schedule; the database and its backups stay.",
            discussion: StoreCommandHelp.exitCodes)

        @OptionGroup var target: ScheduleTarget

        func run() async throws {
            try await target.change({ try await $0.delete($1, by: .commandLine()) }, text: { "removed \($0.summary)" })
        }
    }
}
