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
                let user = try await shared.withManager { manager in
                    let user = try await UserLookup.named(username, in: manager.users)
                    let secret = try password.read()
                    return try await manager.users.update(user.id ?? 0, UserChange(password: secret), by: .commandLine())
                }
                try output.emit(UserResponse(user)) { "password of \(username) changed; their sessions ended" }
            }
        }
    }
}
