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
                guard let role = User.Role(rawValue: role) else {
                    throw CLIFailure("role: must be admin or viewer, got \"\(self.role)\"", code: 64)
                }
                let secret = try password.read()
                let store = try shared.openStore()
                let hash = try await PasswordHasher().hash(secret)
                let user = try await store.createUser(User(username: username, passwordHash: hash, role: role))
                try await CLIAudit(store: store).record(
                    "user.create", target: "user", id: "\(user.id ?? 0)",
                    details: ["username": .string(user.username), "role": .string(role.rawValue)])
                try output.emit(UserResponse(user)) { "created \(role.rawValue) \(user.username) (id \(user.id ?? 0))" }
            }
        }
    }
}
