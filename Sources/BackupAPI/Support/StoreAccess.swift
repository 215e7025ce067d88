import BackupRepository

/// The configuration store as the routes reach it. Every store call is `async` and never blocks an event
/// loop (the SQLite store runs on GRDB's own queues).
///
/// ```swift
/// let database = try await access { store in try await store.database(id: 1) }
/// ```
struct StoreAccess: Sendable {
    let store: any ConfigurationStore

    init(store: any ConfigurationStore) {
        self.store = store
    }

    /// Runs `body` with the store and returns its result.
    func callAsFunction<Value: Sendable>(_ body: @Sendable (any ConfigurationStore) async throws -> Value) async throws -> Value {
        try await body(store)
    }
}
