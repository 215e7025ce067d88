import BackupDump
import Foundation
import PostgresTestSupport
import TestSupport
import Testing

/// `psql` and `pg_restore` runs into a database: the transaction around a plain script, database names
/// that look like connection strings.
@Suite("Restore runs into a database", .enabled(if: TestServer.available, "run Scripts/test"), .timeLimit(.minutes(1)))
struct RestoreScriptTests {
    let server = TestServer(major: 15)

    @Test("a plain script whose input fails half-way leaves nothing behind: COMMIT only follows a complete input")
    func scriptRollsBack() async throws {
        try await server.withDatabase(rows: 1) { database in
            let script = Data("CREATE TABLE half (id int); INSERT INTO half VALUES (1);\n".utf8) + Data(repeating: 0x20, count: 64)
                + Data("\n--\n-- PostgreSQL database dump complete\n--\n".utf8)
            var blocks = DataBlocks(data: script, blockSize: 60)
            blocks.failAfter = 1
            let error = await #expect(throws: DumpError.self) {
                try await RestoreRunner().runScript(blocks, with: try server.postgresTool(.psql), into: try server.settings(database: database))
            }
            #expect(error?.code == .inputFailed)
            #expect(try await server.psql("SELECT to_regclass('public.half') IS NULL", database: database) == "t")

            _ = try await RestoreRunner().runScript(
                DataBlocks(data: script, blockSize: 60), with: try server.postgresTool(.psql), into: try server.settings(database: database))
            #expect(try await server.psql("SELECT count(*) FROM half", database: database) == "1")
        }
    }

    @Test("a script cut at a statement boundary (no closing comment of pg_dump) is rolled back, not committed")
    func truncatedScript() async throws {
        try await server.withDatabase(rows: 1) { (database: String) async throws in
            let script = Data("CREATE TABLE cut (id int);\nINSERT INTO cut VALUES (1);\n".utf8)
            let error = await #expect(throws: DumpError.self) {
                try await RestoreRunner().runScript(
                    DataBlocks(data: script, blockSize: 16), with: try server.postgresTool(.psql), into: try server.settings(database: database))
            }
            #expect(error?.code == .inputFailed)
            let message = error?.description ?? ""
            #expect(message.contains("does not end with pg_dump's closing line"), "\(message)")
            #expect(try await server.psql("SELECT to_regclass('public.cut') IS NULL", database: database) == "t")
        }
    }

    @Test("a database name holding = and quotes is a name, never connection options")
    func nameIsNotConninfo() async throws {
        let name = "pgbm x=1 host='nowhere' \\' \(UInt16.random(in: 0...UInt16.max))"
        try await server.psql("CREATE DATABASE \"\(name)\"")
        defer { Task { _ = try? await server.psql("DROP DATABASE IF EXISTS \"\(name)\" WITH (FORCE)") } }
        let script = Data("CREATE TABLE named (id int);\n-- PostgreSQL database dump complete\n".utf8)
        _ = try await RestoreRunner().runScript(
            DataBlocks(data: script, blockSize: 1024), with: try server.postgresTool(.psql), into: try server.settings(database: name))
        let rows = try await PostgresQuery().rows("SELECT to_regclass('public.named') IS NOT NULL", on: try server.settings(database: name))
        #expect(rows == [["t"]])
    }
}
