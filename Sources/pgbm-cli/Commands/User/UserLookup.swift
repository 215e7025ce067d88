import BackupRepository

/// Finds a user by login name for `pgbm-cli user` commands.
enum UserLookup {
    /// The user `username`; a name that matches nothing is exit code 64.
    static func named(_ username: String, in store: any ConfigurationStore) async throws -> User {
        guard let user = try await store.user(named: username) else {
            throw CLIFailure("username: no user is named \"\(username)\"", code: 64)
        }
        return user
    }
}
