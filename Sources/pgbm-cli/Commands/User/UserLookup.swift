import BackupCore
import BackupRepository

/// Finds a user by login name for `pgbm-cli user` commands.
enum UserLookup {
    /// The user `username`; a name that matches nothing is exit code 64.
    static func named(_ username: String, in users: UserService) async throws -> User {
        guard let user = try await users.named(username) else {
            throw CLIFailure("username: no user is named \"\(username)\"", code: 64)
        }
        return user
    }
}
