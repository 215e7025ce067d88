public import Foundation
import TestSupport

#if canImport(Glibc)
import Glibc
#endif

/// An `ACCESS EXCLUSIVE` lock on a table, held by a background `psql` session while a closure runs, so a
/// `pg_dump` of that table waits.
public enum TableLock {
    /// Takes the lock, waits (at most 10 s) until the server shows it granted, runs `body`, and ends the
    /// session.
    public static func holding<T>(
        server: TestServer, database: String, table: String, _ body: () async throws -> T
    ) async throws -> T {
        let applicationName = "pgbm_test_lock_\(UInt32.random(in: 0...UInt32.max))"
        let psql = ChildProcess()
        psql.executableURL = URL(fileURLWithPath: try server.tool("psql"))
        psql.arguments = [
            try server.databaseURL(database), "-Xq", "-c",
            "LOCK TABLE \(table) IN ACCESS EXCLUSIVE MODE; SELECT pg_sleep(120)",
        ]
        var environment = ProcessInfo.processInfo.environment
        environment["PGAPPNAME"] = applicationName
        psql.environment = environment
        psql.standardOutput = FileHandle.nullDevice
        psql.standardError = FileHandle.nullDevice
        try psql.run()
        let pid = psql.processIdentifier

        func release() async {
            _ = try? await server.psql(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = '\(applicationName)'")
            kill(pid, SIGTERM)
            _ = try? await offPool { psql.waitUntilExit() }
        }

        do {
            try await waitUntilGranted(
                server: server, database: database, table: table, applicationName: applicationName)
            let result = try await body()
            await release()
            return result
        } catch {
            await release()
            throw error
        }
    }

    private static func waitUntilGranted(
        server: TestServer, database: String, table: String, applicationName: String
    ) async throws {
        for _ in 0..<200 {
            let granted = try await server.psql(
                """
                SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a USING (pid)
                WHERE a.application_name = '\(applicationName)' AND l.mode = 'AccessExclusiveLock' AND l.granted
                  AND l.relation = '\(table)'::regclass
                """, database: database)
            if granted == "1" { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw LockNotTaken(table: table)
    }

    struct LockNotTaken: Error, CustomStringConvertible {
        let table: String
        var description: String { "the test lock on \(table) was not granted within 10 s" }
    }
}
