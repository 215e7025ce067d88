import ArgumentParser
import BackupAPIModels
import BackupCore
import BackupRepository
import PgbmOptions

extension Pgbm.UserCommand {
    /// `user create`: adds a user with a bcrypt-hashed password.
    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a user (admin or viewer).", discussion: StoreCommandHelp.exitCodes)

        @OptionGroup var shared: SharedOptions
        @Option(help: "The login name: 1-64 letters, digits, or . _ @ -.") var username: String
        @Option(help: "admin (may change everything) or viewer (read-only).") var role = "viewer"
        @OptionGroup var password: UserPasswordOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await CLIError.reporting {
                let role = try UserService.role(role)
                let secret = try password.read()
                let user = try await shared.withManager { manager in
                    try await manager.users.create(username: username, password: secret, role: role, by: .commandLine())
                }
                try output.emit(UserResponse(user)) { "created \(role.rawValue) \(user.username) (id \(user.id ?? 0))" }
            }
        }
    }
}
