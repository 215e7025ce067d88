import Foundation
import TestSupport
import Testing

/// `pgbm-server` takes the shared options of design §5 and its own `--host`/`--port`, as flags or
/// environment variables (the exits on bad values are in `PgbmCLITests`' shared options suite).
@Suite("pgbm-server options", .serialized, .timeLimit(.minutes(1)))
struct ServerOptionsTests {
    @Test func defaultsPutTheStoreAndBackupsInTheWorkingDirectory() async throws {
        // Given a server with no option but the port (8000 may be taken on a shared machine)
        let port = try FreePort.next()
        let server = try ServerProcess(arguments: [], environment: ["PGBM_PORT": String(port)], port: port)
        try server.start()
        defer { server.stop() }
        // When it answers
        #expect(try await server.waitUntilHealthy(timeout: .seconds(20)) != nil, "log:\n\(server.log)")
        // Then it listens on 127.0.0.1 and uses ./data and ./backups of its working directory
        #expect(try await server.terminate(timeout: .seconds(10)) == 0, "log:\n\(server.log)")
        #expect(server.log.contains("pgbm.http.address=127.0.0.1"))
        #expect(server.log.contains("pgbm.data_dir=./data"))
        #expect(FileManager.default.fileExists(atPath: server.directory.path("data/backup_manager.db")))
        let backups = server.directory.url.appendingPathComponent("backups").standardizedFileURL.path
        #expect(server.log.contains("pgbm.backup_dir=\(backups)"), "log:\n\(server.log)")
    }

    @Test func flagsWinOverEnvironmentVariables() async throws {
        // Given flags for the port and the data folder, and environment variables for everything
        let directory = try TemporaryDirectory()
        let port = try FreePort.next()
        let server = try ServerProcess(
            arguments: ["--port", String(port), "--data-dir", directory.path("flag-data")],
            environment: [
                "PGBM_PORT": String(try FreePort.next()), "PGBM_DATA_DIR": directory.path("env-data"),
                "PGBM_BACKUP_DIR": directory.path("env-backups"), "PGBM_HOST": "127.0.0.2",
            ],
            host: "127.0.0.2", port: port, directory: directory)
        try server.start()
        defer { server.stop() }
        // Then the flags win, and the environment fills in the rest (host 127.0.0.2, the backup folder)
        #expect(try await server.waitUntilHealthy(timeout: .seconds(20)) != nil, "log:\n\(server.log)")
        #expect(try await server.terminate(timeout: .seconds(10)) == 0)
        #expect(server.log.contains("pgbm.http.address=127.0.0.2 pgbm.http.port=\(port)"), "log:\n\(server.log)")
        #expect(FileManager.default.fileExists(atPath: directory.path("flag-data/backup_manager.db")))
        #expect(!FileManager.default.fileExists(atPath: directory.path("env-data")))
        #expect(server.log.contains("pgbm.backup_dir=\(directory.path("env-backups"))"))
    }

    @Test func aTakenPortEndsTheServerWithAnError() async throws {
        // Given a server already listening on a port
        let first = try ServerProcess()
        try first.start()
        defer { first.stop() }
        #expect(try await first.waitUntilHealthy(timeout: .seconds(20)) != nil, "log:\n\(first.log)")
        // When a second one is started on the same port
        let second = try ServerProcess(port: first.port)
        try second.start()
        defer { second.stop() }
        // Then it exits with a failure instead of running without its API (alone it takes 0.2 s; the wait is
        // long because the full suite can keep both cores busy for many seconds)
        let status = try await second.waitForExit(timeout: .seconds(45))
        #expect(status != nil && status != 0, "log:\n\(second.log)")
        #expect(try await first.terminate(timeout: .seconds(10)) == 0)
    }
}
