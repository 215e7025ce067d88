import BackupCore
import BackupDump
import BackupRepository
import BackupStorage
import Foundation
import Logging
import PostgresTestSupport
import TestSupport
import Testing

extension PipelineFixture {
    /// A restore service on this fixture's store, with the `pg_restore` and `psql` of both test servers.
    func restoreService(scratch: TemporaryDirectory) throws -> RestoreService {
        var paths: [PostgresToolKind: [String]] = [:]
        for server in TestServer.all {
            paths[.pgRestore, default: []].append(try server.tool("pg_restore"))
            paths[.psql, default: []].append(try server.tool("psql"))
        }
        return RestoreService(
            store: store, locator: ToolLocator(configuredPaths: paths, debianRoot: nil, searchPath: []),
            s3: S3Connector(httpClient: http.client, logger: Self.logger), scratchDirectory: scratch.url.path, logger: Self.logger)
    }

    /// Runs `request` to its end and returns the finished job.
    func restore(_ request: RestoreRequest, scratch: TemporaryDirectory) async throws -> RestoreJob {
        let service = try restoreService(scratch: scratch)
        let job = try await service.start(request, requester: .init(kind: .cli, name: "test"))
        let id = try #require(job.id)
        return try #require(await service.wait(jobId: id))
    }

    /// The backup file of `run`.
    func file(of run: BackupRun) async throws -> BackupFile {
        let id = try #require(run.id)
        return try #require(try await store.files(runId: id).first)
    }
}

/// Compares databases made by ``TestServer/withDatabase(rows:_:)``.
enum RestoreCheck {
    static let tables = ["public.items", "public.audit", "extra.notes"]

    /// Row count and checksum of each table.
    static func fingerprint(_ server: TestServer, database: String, tables: [String] = tables) async throws -> [String] {
        var result: [String] = []
        for table in tables {
            result.append(table + " " + (try await server.psql(
                "SELECT count(*) || ' ' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') FROM \(table) t",
                database: database)))
        }
        return result
    }

    /// A target database holding one marker table, dropped afterwards.
    static func withTarget<T>(_ server: TestServer, _ body: (String) async throws -> T) async throws -> T {
        let name = "pgbm_target_\(UInt32.random(in: 0...UInt32.max))"
        try await server.psql("CREATE DATABASE \(name)")
        defer { Task { _ = try? await server.psql("DROP DATABASE IF EXISTS \(name) WITH (FORCE)") } }
        try await server.psql("CREATE TABLE marker (note text); INSERT INTO marker VALUES ('untouched')", database: name)
        return try await body(name)
    }

    /// Whether the marker table of ``withTarget(_:_:)`` is still there and alone.
    static func untouched(_ server: TestServer, database: String) async throws -> Bool {
        let tables = try await server.psql(
            "SELECT string_agg(relname, ',') FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE relkind = 'r' AND nspname = 'public'",
            database: database)
        let note = try await server.psql("SELECT note FROM marker", database: database)
        return tables == "marker" && note == "untouched"
    }

    static func drop(_ server: TestServer, _ database: String) async {
        _ = try? await server.psql("DROP DATABASE IF EXISTS \(database) WITH (FORCE)")
    }
}
