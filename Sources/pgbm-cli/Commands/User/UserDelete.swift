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
                let store = try shared.openStore()
                let user = try await UserLookup.named(username, in: store)
                let id = user.id ?? 0
                _ = try await store.deleteUserKeepingAnAdmin(id: id)
                try await CLIAudit(store: store).record("user.delete", target: "user", id: "\(id)", details: ["username": .string(username)])
                try output.emit(UserResponse(user)) { "deleted user \(username) (id \(id))" }
            }
        }
    }
}
