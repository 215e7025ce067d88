public import NIOPosix

/// Small SQL jobs against a server through libpq, each on its own short connection: what a restore needs
/// around `pg_restore` (does the database exist, create it, count the tables and their rows).
///
/// libpq blocks, so every call runs on a thread of an `NIOThreadPool`, never on Swift's cooperative pool.
///
/// ```swift
/// let query = PostgresQuery()
/// if try await query.rows("SELECT 1 FROM pg_database WHERE datname = $1", ["app"], on: maintenance).isEmpty {
///     try await query.createDatabase(named: "app", on: maintenance)
/// }
/// let counts = try await query.tableRowCounts(on: target)   // ["public.items": 1000, …]
/// ```
public struct PostgresQuery: Sendable {
    private let threadPool: NIOThreadPool

    /// Queries run on `threadPool`.
    public init(threadPool: NIOThreadPool = .singleton) {
        self.threadPool = threadPool
    }

    /// Runs `sql` with text parameters (`$1`, …) and returns the rows as text (`nil` for SQL NULL).
    /// - Throws: ``DumpError``: the connection failed (its own kind) or the query did (`queryFailed`).
    public func rows(_ sql: String, _ parameters: [String] = [], on settings: ConnectionSettings) async throws(DumpError)
        -> [[String?]]
    {
        try await session(settings) { $0.query(sql, parameters) }
    }

    /// `CREATE DATABASE` with the name quoted by libpq; `settings` names a database to connect to first
    /// (usually `postgres`).
    public func createDatabase(named name: String, on settings: ConnectionSettings) async throws(DumpError) {
        let _: [[String?]] = try await session(settings) { session in
            guard let quoted = session.quoted(identifier: name) else {
                return .failure(DumpError(connection: .queryFailed, settings: settings, message: "cannot quote \(name)"))
            }
            return session.query("CREATE DATABASE \(quoted)")
        }
    }

    /// `DROP DATABASE IF EXISTS` with the name quoted by libpq; `settings` names another database of the
    /// server to connect to (usually `postgres`).
    /// - Parameter force: adds `WITH (FORCE)` (PostgreSQL 13 and later), which ends the sessions still
    ///   connected to the database instead of failing.
    public func dropDatabase(named name: String, force: Bool, on settings: ConnectionSettings) async throws(DumpError) {
        let _: [[String?]] = try await session(settings) { session in
            guard let quoted = session.quoted(identifier: name) else {
                return .failure(DumpError(connection: .queryFailed, settings: settings, message: "cannot quote \(name)"))
            }
            return session.query("DROP DATABASE IF EXISTS \(quoted)" + (force ? " WITH (FORCE)" : ""))
        }
    }

    /// The exact row count of every ordinary and partitioned table outside the system schemas, keyed by
    /// `schema.table`.
    public func tableRowCounts(on settings: ConnectionSettings) async throws(DumpError) -> [String: Int64] {
        try await session(settings) { session in
            let tables = session.query(Self.userTablesSQL)
            return tables.flatMap { rows in
                var counts: [String: Int64] = [:]
                for row in rows {
                    guard let schema = row[0], let table = row[1], let quotedSchema = session.quoted(identifier: schema),
                        let quotedTable = session.quoted(identifier: table)
                    else { continue }
                    switch session.query("SELECT count(*) FROM \(quotedSchema).\(quotedTable)") {
                    case .success(let count): counts["\(schema).\(table)"] = Int64(count.first?.first.flatMap { $0 } ?? "") ?? 0
                    case .failure(let error): return .failure(error)
                    }
                }
                return .success(counts)
            }
        }
    }

    /// The tables a restore creates: ordinary and partitioned tables outside `pg_catalog`,
    /// `information_schema` and `pg_toast`, without partitions' children counted twice and without tables
    /// that belong to an extension (PostGIS's `spatial_ref_sys`).
    public static let userTablesSQL = """
        SELECT n.nspname, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition
          AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'
          AND n.nspname NOT LIKE 'pg_temp%'
          AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
        """

    /// The number of tables ``userTablesSQL`` lists.
    public static let userTablesCountSQL = "SELECT count(*) FROM (\(userTablesSQL)) AS tables"

    private func session<T: Sendable>(
        _ settings: ConnectionSettings, _ body: @escaping @Sendable (LibPQSession) -> Result<T, DumpError>
    ) async throws(DumpError) -> T {
        let outcome: Result<T, DumpError>
        do {
            outcome = try await threadPool.runIfActive { LibPQSession.open(settings).flatMap(body) }
        } catch {
            outcome = .failure(DumpError(connection: .connectionFailed, settings: settings, message: "the query did not run: \(error)"))
        }
        return try outcome.get()
    }
}
