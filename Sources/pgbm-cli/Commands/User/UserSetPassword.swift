import ArgumentParser
import BackupAPIModels
import BackupCore
import BackupRepository
import PgbmOptions

extension Pgbm.UserCommand {
    /// `user set-password`: replaces a user's password and ends their sessions.
    struct SetPassword: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set-password", abstract: "Set a user's password; their browser sessions end.",
            discussion: StoreCommandHelp.exitCodes)

        @OptionGroup var shared: SharedOptions
        @Option(help: "The user's login name.") var username: String
        @OptionGroup var password: UserPasswordOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await CLIError.reporting {
                let store = try shared.openStore()
                var user = try await UserLookup.named(username, in: store)
                let secret = try password.read()
                user.passwordHash = try await PasswordHasher().hash(secret)
                try await store.updateUser(user)
                try await store.deleteSessions(userId: user.id ?? 0)
                try await CLIAudit(store: store).record(
                    "user.update", target: "user", id: "\(user.id ?? 0)",
                    details: ["username": .string(username), "password_changed": .bool(true)])
                try output.emit(UserResponse(user)) { "password of \(username) changed; their sessions ended" }
            }
        }
    }
}
