import ArgumentParser
import BackupAPIModels
import BackupCore
import BackupRepository
import PgbmOptions

extension Pgbm.UserCommand {
    /// `user delete`: removes a user with their sessions and API tokens; never the last enabled admin.
    struct Delete: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Delete a user with their sessions and API tokens (never the last enabled admin).",
            discussion: StoreCommandHelp.exitCodes)

        @OptionGroup var shared: SharedOptions
        @Option(help: "The user's login name.") var username: String
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await CLIError.reporting {
                let user = try await shared.withManager { manager in
                    try await manager.users.delete(try await UserLookup.named(username, in: manager.users).id ?? 0, by: .commandLine())
                }
                let id = user.id ?? 0
                try output.emit(UserResponse(user)) { "deleted user \(username) (id \(id))" }
            }
        }
    }
}
