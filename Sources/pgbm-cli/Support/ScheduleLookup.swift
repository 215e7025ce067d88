import BackupRepository

/// Finds the stored schedule a command line names by id.
enum ScheduleLookup {
    /// The schedule with `id`.
    /// - Throws: ``CLIFailure`` with exit code 64, `<id>: no schedule with id 7`, when there is none.
    static func schedule(_ id: Int64, in store: any ConfigurationStore) async throws -> Schedule {
        guard let schedule = try await store.schedule(id: id) else {
            throw CLIFailure("<id>: no schedule with id \(id)", code: 64)
        }
        return schedule
    }
}
