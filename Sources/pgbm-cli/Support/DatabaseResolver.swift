import BackupRepository

/// Finds the live database a command line refers to, by id, name or slug (in that order).
enum DatabaseResolver {
    /// The database `reference` names.
    ///
    /// - Parameters:
    ///   - reference: an id (`3`), a name (`Billing DB`) or a slug (`billing-db`).
    ///   - store: the configuration store.
    ///   - field: the option or argument that gave the reference, for the message.
    /// - Throws: ``CLIFailure`` with exit code 64, `--database: no database with id or name "x"`, when
    ///   nothing matches (deleted databases do not match).
    static func resolve(
        _ reference: String, in store: any ConfigurationStore, field: String = "--database"
    ) async throws -> ConfiguredDatabase {
        let databases = try await store.databases(includingDeleted: false)
        let match =
            databases.first { $0.id.map(String.init) == reference }
            ?? databases.first { $0.name == reference }
            ?? databases.first { $0.slug == reference }
        guard let match else {
            throw CLIFailure("\(field): no database with id or name \"\(reference)\"", code: 64)
        }
        return match
    }
}

extension Optional {
    /// `map` with an asynchronous transform.
    func asyncMap<Value>(_ transform: (Wrapped) async throws -> Value) async rethrows -> Value? {
        guard let self else { return nil }
        return try await transform(self)
    }
}
