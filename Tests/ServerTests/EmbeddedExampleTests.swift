import Foundation
import PostgresTestSupport
import TestSupport
import Testing

/// The embedding example (`Examples/EmbeddedBackup`, the "Embedding pgbm" article) runs as written: it
/// configures a database, a passphrase and a nightly schedule, backs up once and stops.
@Suite("Embedding example", .serialized, .timeLimit(.minutes(2)), .enabled(if: TestServer.available))
struct EmbeddedExampleTests {
    @Test("the example backs up the test database once, encrypted, and exits 0")
    func exampleBacksUpOnce() async throws {
        // Given a database on the test server and an empty data folder
        let server = TestServer(major: 15)
        let database = "example_\(UInt32.random(in: 0...UInt32.max))"
        try await server.psql("CREATE DATABASE \(database)")
        try await server.psql("CREATE TABLE t (id int); INSERT INTO t SELECT generate_series(1, 100)", database: database)
        let dir = try TemporaryDirectory()
        // When the example runs once
        let result = try await offPool {
            try ProcessRunner.run(
                TestServices.executable("pgbm-example-embedded"), [],
                environment: [
                    "EXAMPLE_RUN_ONCE": "1", "EXAMPLE_DATA_DIR": dir.path("data"), "EXAMPLE_BACKUP_DIR": dir.path("backups"),
                    "EXAMPLE_PASSPHRASE": "an example passphrase of some length", "PGHOST": try server.host,
                    "PGPORT": "\(try server.port)", "PGDATABASE": database, "PGUSER": "postgres", "PGPASSWORD": nil,
                ])
        }
        // Then it says the backup succeeded, exits 0, and left one encrypted file with its manifest
        #expect(result.status == 0, "\(result.stderrText)")
        #expect(result.stdoutText.contains("backup succeeded"), "\(result.stdoutText)\n\(result.stderrText)")
        let files = try FileManager.default.subpathsOfDirectory(atPath: dir.path("backups"))
        #expect(files.contains { $0.hasSuffix(".dump.zst.enc") }, "\(files)")
        #expect(files.contains { $0.hasSuffix(".dump.zst.enc.json") }, "\(files)")
        try await server.psql("DROP DATABASE \(database)")
    }
}
