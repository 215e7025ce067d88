import BackupRepository
import NIOPosix

/// Runs the configuration store's synchronous calls (GRDB, SQLite) on a thread pool, so they never
/// block an event loop.
///
/// ```swift
/// let database = try await access { store in try store.database(id: 1) }
/// ```
struct StoreAccess: Sendable {
    let store: SQLiteStore
    let threadPool: NIOThreadPool

    init(store: SQLiteStore, threadPool: NIOThreadPool = .singleton) {
        self.store = store
        self.threadPool = threadPool
    }

    /// Runs `body` with the store on the thread pool and returns its result.
    func callAsFunction<Value: Sendable>(_ body: @escaping @Sendable (SQLiteStore) throws -> Value) async throws -> Value {
        let store = store
        return try await threadPool.runIfActive { try body(store) }
    }
}
