import Foundation
import NIOHTTP1
import PostgresTestSupport
import TestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// SIGTERM while a backup runs: the run finishes within the shutdown grace, or is recorded as interrupted
/// without a partial file; the process exits 0 either way.
@Suite("pgbm-server: SIGTERM during a backup", .serialized, .timeLimit(.minutes(3)), .enabled(if: TestServer.available))
struct ServerShutdownTests {
    static let server = TestServer(major: 15)

    /// Starts the server with `grace`, registers `database` and starts its backup, which waits on a table
    /// lock; runs `body` while the lock is held, then releases it.
    static func blockedBackup(grace: Int, database: String, _ body: (ServerProcess) async throws -> Void) async throws
        -> (ServerProcess, runId: Int, token: String)
    {
        let process = try ServerProcess(environment: ["PGBM_SHUTDOWN_GRACE": "\(grace)"])
        try process.start()
        _ = try #require(try await process.waitUntilHealthy(timeout: .seconds(20)), "log:\n\(process.log)")
        let api = try await process.admin()
        let id = try await api.addDatabase(name: "app", server: server, database: database)
        var runId = 0
        try await TableLock.holding(server: server, database: database, table: "public.items") {
            runId = try await api.runBackup(databaseId: id)
            try await server.waitForBlockedDump(database: database)
            try await body(process)
        }
        return (process, runId, api.token ?? "")
    }

    /// The run as a restarted server on the same folders reports it.
    static func runAfterRestart(_ process: ServerProcess, runId: Int, token: String) async throws -> [String: any Sendable] {
        let restarted = try ServerProcess(directory: process.directory)
        try restarted.start()
        defer { restarted.stop() }
        _ = try #require(try await restarted.waitUntilHealthy(timeout: .seconds(20)), "log:\n\(restarted.log)")
        return try await HTTPCaller(baseURL: restarted.baseURL, token: token).call(.GET, "/api/backups/\(runId)").json
    }

    @Test func aBackupThatEndsWithinTheGraceSucceeds() async throws {
        try await Self.server.withDatabase(rows: 20_000) { database in
            let (process, runId, token) = try await Self.blockedBackup(grace: 60, database: database) { process in
                // When SIGTERM arrives while the backup waits, and the lock goes a moment later
                kill(process.process.processIdentifier, SIGTERM)
                try await Task.sleep(for: .seconds(1))
                #expect(process.process.isRunning, "the server waits for the running backup")
            }
            defer { process.stop() }
            // Then the server exits 0 once the backup finished, and the run succeeded with its file
            let status = try await process.waitForExit(timeout: .seconds(60))
            #expect(status == 0, "log:\n\(process.log)")
            #expect(process.log.contains("waiting for running backups before stopping"))
            let run = try await Self.runAfterRestart(process, runId: runId, token: token)
            #expect(run["state"] as? String == "succeeded", "\(run)")
            #expect(Self.files(in: process, suffix: ".partial").isEmpty)
            #expect(!Self.files(in: process, suffix: ".dump.zst").isEmpty)
        }
    }

    @Test func aBackupStillRunningAfterTheGraceIsInterruptedWithoutPartialFile() async throws {
        try await Self.server.withDatabase(rows: 20_000) { database in
            let (process, runId, token) = try await Self.blockedBackup(grace: 1, database: database) { process in
                // When SIGTERM arrives and the lock outlives the grace of 1 s
                kill(process.process.processIdentifier, SIGTERM)
                let status = try await process.waitForExit(timeout: .seconds(30))
                // Then the server exits 0 by itself
                #expect(status == 0, "log:\n\(process.log)")
            }
            defer { process.stop() }
            let run = try await Self.runAfterRestart(process, runId: runId, token: token)
            #expect(run["state"] as? String == "failed", "\(run)")
            #expect((run["error"] as? String)?.hasPrefix("interrupted: pgbm-server stopped") == true, "\(run)")
            #expect(Self.files(in: process, suffix: ".partial").isEmpty)
            #expect(Self.files(in: process, suffix: ".dump.zst").isEmpty)
        }
    }

    /// Files below the server's backup folder whose names end with `suffix`.
    static func files(in process: ServerProcess, suffix: String) -> [String] {
        let root = process.directory.path("backups")
        let names = FileManager.default.enumerator(atPath: root)?.allObjects as? [String] ?? []
        return names.filter { $0.hasSuffix(suffix) }
    }
}
