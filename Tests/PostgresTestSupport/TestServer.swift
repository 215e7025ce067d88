public import BackupDump
public import Foundation
import TestSupport
public import Testing

/// One of the test PostgreSQL servers (`PGBM_TEST_PG15_URL` / `…_BINDIR`), with helpers that run SQL
/// through its `psql` as the trusted superuser `postgres`.
public struct TestServer: Sendable, CustomTestStringConvertible {
    public let major: Int

    public init(major: Int) { self.major = major }

    public static let all = [TestServer(major: 15), TestServer(major: 16)]
    public static let variables = [
        "PGBM_TEST_PG15_URL", "PGBM_TEST_PG15_BINDIR", "PGBM_TEST_PG16_URL", "PGBM_TEST_PG16_BINDIR",
    ]
    /// Whether the servers are there (or this is CI, where their absence must fail).
    public static var available: Bool { variables.allSatisfy { TestServices.available($0) } }

    public var testDescription: String { "PostgreSQL \(major)" }

    public var url: String { get throws { try TestServices.value("PGBM_TEST_PG\(major)_URL") } }
    public var binDirectory: String { get throws { try TestServices.value("PGBM_TEST_PG\(major)_BINDIR") } }

    public var host: String { get throws { try URLComponents(string: url)?.host ?? "127.0.0.1" } }
    public var port: Int { get throws { try URLComponents(string: url)?.port ?? 5432 } }

    /// The server's URL with another database.
    public func databaseURL(_ database: String) throws -> String {
        var components = try #require(URLComponents(string: try url))
        components.path = "/" + database
        return try #require(components.string)
    }

    /// Settings for `database` as `user` (default: the trusted superuser).
    public func settings(database: String = "postgres", user: String = "postgres", password: String? = nil) throws
        -> ConnectionSettings
    {
        ConnectionSettings(
            host: try host, port: try port, database: database, user: user, password: password,
            sslMode: .disable, connectTimeout: .seconds(5))
    }

    /// The path of one of this server's client programs.
    public func tool(_ name: String) throws -> String { "\(try binDirectory)/\(name)" }

    /// This server's own client program as a ``PostgresTool``.
    public func postgresTool(_ kind: PostgresToolKind) throws -> PostgresTool {
        PostgresTool(
            kind: kind, path: try tool(kind.rawValue), version: PostgresVersion(major: major), origin: .configured)
    }

    /// Runs SQL as `postgres` in `database`; returns psql's unaligned output.
    @discardableResult
    public func psql(_ sql: String, database: String = "postgres") async throws -> String {
        let target = try databaseURL(database)
        let psql = try tool("psql")
        let result = try await offPool {
            try ProcessRunner.run(psql, [target, "-XAtq", "-v", "ON_ERROR_STOP=1", "-c", sql])
        }
        guard result.status == 0 else { throw PsqlFailure(sql: sql, stderr: result.stderrText) }
        return result.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Runs `body` with a fresh database holding `public.items` (`rows` rows), `public.audit` and
    /// `extra.notes`, and drops the database afterwards.
    public func withDatabase<T>(rows: Int = 100, _ body: (String) async throws -> T) async throws -> T {
        let name = "pgbm_dump_\(UInt32.random(in: 0...UInt32.max))"
        try await psql("CREATE DATABASE \(name)")
        do {
            try await psql(
                """
                CREATE TABLE public.items (id int PRIMARY KEY, name text NOT NULL);
                INSERT INTO public.items SELECT g, 'item ' || g FROM generate_series(1, \(rows)) g;
                CREATE TABLE public.audit (at timestamptz DEFAULT now(), note text);
                INSERT INTO public.audit (note) VALUES ('created');
                CREATE SCHEMA extra;
                CREATE TABLE extra.notes (body text);
                """, database: name)
            let result = try await body(name)
            try await psql("DROP DATABASE \(name) WITH (FORCE)")
            return result
        } catch {
            _ = try? await psql("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
            throw error
        }
    }

    /// Runs `body` with a login role that has `password` and may read every table; drops it afterwards.
    public func withRole<T>(password: String, _ body: (String) async throws -> T) async throws -> T {
        let name = "pgbm_role_\(UInt32.random(in: 0...UInt32.max))"
        try await psql("CREATE ROLE \(name) LOGIN PASSWORD '\(password)' IN ROLE pg_read_all_data")
        do {
            let result = try await body(name)
            try await psql("DROP ROLE \(name)")
            return result
        } catch {
            _ = try? await psql("DROP ROLE IF EXISTS \(name)")
            throw error
        }
    }
}

public struct PsqlFailure: Error, CustomStringConvertible {
    public let sql: String
    public let stderr: String
    public var description: String { "psql failed: \(stderr)\nSQL: \(sql)" }
}
