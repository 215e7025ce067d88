import BackupCrypto
import BackupDump
import BackupRepository
import Foundation

extension RestorePipeline {
    /// Where the PostgreSQL programs are: the locator plus the `backup` settings' configured paths.
    func tools() async -> ToolLocator {
        locator.configured(by: (try? await store.settings(BackupSettings.self)) ?? BackupSettings())
    }

    /// The target's connection settings, proved by connecting to the server's `postgres` database (the
    /// target database itself when that one is not open to the role).
    func connectTarget(_ target: RestoreTarget) async throws(BackupError) -> RestoreConnection {
        var settings: ConnectionSettings
        switch target.server {
        case .configured(let id):
            guard let configured = try? await store.database(id: id), configured.deletedAt == nil else {
                throw BackupError(.restoreTarget, "database: no configured database with id \(id)")
            }
            do {
                settings = try await DatabaseConnection.settings(for: configured, store: store)
            } catch {
                throw BackupError(.restoreTarget, "cannot read the password of \(configured.name): \(error)")
            }
        case .connection(let given):
            settings = given
        }
        if let name = target.database { settings.database = name }
        var maintenance = settings
        maintenance.database = "postgres"
        let tester = ConnectionTester()
        do {
            let server = try await tester.test(maintenance, logger: logger)
            return RestoreConnection(database: settings, maintenance: maintenance, server: server)
        } catch let error where !Self.connectionFailures.contains(error.code) {
            guard !target.create, let server = try? await tester.test(settings, logger: logger) else {
                throw BackupError(.restoreTarget, "cannot connect to the target server: \(error.description)")
            }
            return RestoreConnection(database: settings, maintenance: settings, server: server)
        } catch {
            throw BackupError(.restoreTarget, "cannot connect to the target server: \(error.description)")
        }
    }

    /// Errors that the target database would fail with as well; any other (the `postgres` database missing,
    /// not allowed, `CONNECT` revoked) is retried on the target database itself.
    static let connectionFailures: Set<DumpError.Code> = [
        .unreachable, .timeout, .passwordRejected, .passwordRequired, .roleNotFound, .sslUnavailable, .sslRequired,
    ]

    /// Refuses a target older than the backup's server; picks the lowest installed `pg_restore` (or
    /// `psql`) at least as new as the target server and the archive's `pg_dump`.
    func chooseTool(
        _ backup: FetchedBackup, listing: ArchiveContents?, target: RestoreConnection, programs: ToolDiscovery
    ) throws(BackupError) -> PostgresTool {
        let targetMajor = target.server.version.major
        let sourceVersion = listing?.dumpedFrom ?? backup.manifest.flatMap { PostgresVersion(versionText: $0.serverVersion) }
        if let sourceVersion, sourceVersion.major > targetMajor {
            throw BackupError(.restoreVersion,
                "the backup comes from PostgreSQL \(sourceVersion.text) but the target server runs \(target.server.version.text): restoring into an older major version is not supported; restore into PostgreSQL \(sourceVersion.major) or newer")
        }
        let dumpMajor = listing?.dumpedBy?.major ?? backup.manifest?.pgDumpMajor ?? 0
        do {
            return try programs.select(atLeast: [targetMajor, dumpMajor])
        } catch {
            throw BackupError(.restoreVersion, error.description)
        }
    }

    /// Creates the database when asked (it must not exist); otherwise it must exist, and hold no tables
    /// unless `clean` replaces them.
    func prepareDatabase(_ target: RestoreConnection, request: RestoreRequest, format: String) async throws(BackupError) {
        let name = target.database.database
        let query = PostgresQuery()
        let place = "on \(target.database.endpoint)"
        let exists = try await onTarget("checking for database \"\(name)\"") { () async throws(DumpError) in
            try await !query.rows("SELECT 1 FROM pg_database WHERE datname = $1", [name], on: target.maintenance).isEmpty
        }
        if request.target.create {
            guard !exists else {
                throw BackupError(.restoreTargetExists, "database \"\(name)\" already exists \(place): choose a new name, or restore into it with clean")
            }
            do {
                try await query.createDatabase(named: name, on: target.maintenance)
            } catch where error.connection?.serverMessage.contains("already exists") == true {
                throw BackupError(.restoreTargetExists, "database \"\(name)\" already exists \(place): choose a new name, or restore into it with clean")
            } catch {
                throw BackupError(.restoreTarget, "creating database \"\(name)\" failed: \(error.description)")
            }
            return
        }
        guard exists else {
            throw BackupError(.restoreTargetExists, "database \"\(name)\" does not exist \(place): restore with create to make it")
        }
        if request.options.clean && format == "plain" {
            throw BackupError(.restoreTargetExists, "clean needs an archive; a plain SQL backup can only be restored into an empty or new database")
        }
        guard !request.options.clean else { return }
        let tables = try await tableCount(target)
        if tables > 0 {
            throw BackupError(.restoreTargetExists,
                "database \"\(name)\" \(place) already holds \(tables) tables: restore with clean to replace the backup's objects, or into a new database")
        }
    }

    /// The number of user tables in the target database.
    func tableCount(_ target: RestoreConnection) async throws(BackupError) -> Int {
        try await onTarget("counting the tables of \"\(target.database.database)\"") { () async throws(DumpError) in
            let rows = try await PostgresQuery().rows(PostgresQuery.userTablesCountSQL, on: target.database)
            return Int((rows.first?.first ?? nil) ?? "0") ?? 0
        }
    }

    /// Runs `body`, reporting a connection or query error as the target's failure.
    private func onTarget<T>(_ what: String, _ body: () async throws(DumpError) -> T) async throws(BackupError) -> T {
        do {
            return try await body()
        } catch {
            throw BackupError(.restoreTarget, "\(what) failed: \(error.description)")
        }
    }

    /// Runs `pg_restore` (from the expanded file, or streaming) or `psql`; returns their warnings. With a
    /// `hasher`, the stored file is hashed as it streams.
    func restore(
        _ backup: FetchedBackup, key: ContainerKey?, expanded: String?, tool: PostgresTool, target: RestoreConnection,
        options: RestoreOptions, hasher: StreamHasher? = nil
    ) async throws -> String {
        let runner = RestoreRunner(temporaryDirectory: scratchDirectory, logger: logger)
        if let expanded {
            return try await runner.restore(file: expanded, with: tool, into: target.database, options: options)
        }
        return try await withArchive(backup, key: key, hasher: hasher) { archive in
            backup.layers.isArchive
                ? try await runner.restore(archive, with: tool, into: target.database, options: options)
                : try await runner.runScript(archive, with: tool, into: target.database)
        }
    }

    /// Proves the restore put something there: an archive with tables must leave tables behind. Returns
    /// the row counts when asked for.
    func verify(_ target: RestoreConnection, listing: ArchiveContents?, countRows: Bool) async throws(BackupError) -> [String: Int64]? {
        let archiveTables = listing?.entries.filter { $0.kind == "TABLE" }.count ?? 0
        var counts: [String: Int64]?
        let tables: Int
        if countRows {
            let counted = try await onTarget("counting rows") { () async throws(DumpError) in
                try await PostgresQuery().tableRowCounts(on: target.database)
            }
            (counts, tables) = (counted, counted.count)
        } else {
            tables = try await tableCount(target)
        }
        if archiveTables > 0 && tables == 0 {
            throw BackupError(.restoreVerification, "the archive has \(archiveTables) tables but the target database holds none after the restore")
        }
        return counts
    }
}
