import Foundation
import TestSupport
import Testing

/// The two PostgreSQL majors the dump engine is tested against are up, and their client tools match.
@Suite("PostgreSQL test servers")
struct PostgresServicesTests {
    struct Server: Sendable, CustomTestStringConvertible {
        let major: Int
        var urlVariable: String { "PGBM_TEST_PG\(major)_URL" }
        var binVariable: String { "PGBM_TEST_PG\(major)_BINDIR" }
        var testDescription: String { "PostgreSQL \(major)" }
    }

    static let servers = [Server(major: 15), Server(major: 16)]

    @Test(
        "each server answers with its own major version, and its pg_dump matches",
        .enabled(if: TestServices.available("PGBM_TEST_PG15_URL", "PGBM_TEST_PG16_URL"), "run Scripts/test"),
        arguments: servers)
    func serverAndToolsMatch(server: Server) throws {
        let url = try TestServices.value(server.urlVariable)
        let bin = try TestServices.value(server.binVariable)
        let query = try ProcessRunner.run("\(bin)/psql", [url, "-XAtc", "SHOW server_version_num"])
        #expect(query.status == 0, "\(query.stderrText)")
        #expect(Int(query.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines)).map { $0 / 10000 } == server.major)
        let dump = try ProcessRunner.run("\(bin)/pg_dump", ["--version"])
        #expect(dump.stdoutText.contains("pg_dump (PostgreSQL) \(server.major)."))
    }
}
