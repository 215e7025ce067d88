#if canImport(Glibc)
import Glibc
#endif
import Foundation
import PostgresTestSupport
import TestSupport
import Testing

/// `pgbm-server` sets the umask 0077 first thing: started with a permissive umask, everything it creates
/// (the store, its WAL and shm, the master key, the backup folder, a database's folder, a backup and its
/// manifest) is its user's only; a data folder others can enter is reported in the log.
@Suite("pgbm-server file modes", .serialized, .timeLimit(.minutes(2)), .enabled(if: TestServer.available))
struct ServerFileModeTests {
    static let server = TestServer(major: 15)
    static let warning = "the data folder can be entered by other users"

    /// Starts `process` through `/bin/sh` with the umask 022 a login shell usually has.
    static func startUnderUmask022(_ process: ServerProcess) throws {
        let executable = try #require(process.process.executableURL?.path)
        process.process.arguments = ["-c", #"umask 022 && exec "$0" "$@""#, executable] + process.process.arguments
        process.process.executableURL = URL(fileURLWithPath: "/bin/sh")
        try process.start()
    }

    /// The permission bits of `path`.
    static func mode(_ path: String) throws -> Int {
        try #require(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber).intValue
    }

    @Test func aFreshStartCreatesEverythingOwnerOnly() async throws {
        try await Self.server.withDatabase(rows: 10) { name in
            // Given a server started under umask 022 with no data or backup folder yet
            let process = try ServerProcess()
            try Self.startUnderUmask022(process)
            defer { process.stop() }
            _ = try #require(try await process.waitUntilHealthy(timeout: .seconds(20)), "log:\n\(process.log)")
            // When a backup is made
            let api = try await process.admin()
            let id = try await api.addDatabase(name: "app", server: Self.server, database: name)
            let run = try await api.waitForRun(try await api.runBackup(databaseId: id))
            #expect(run["state"] as? String == "succeeded", "\(run)")
            // Then the store, its WAL and shm, the key, the folders and the backup's files are owner-only
            let (data, backups) = (process.directory.path("data"), process.directory.path("backups"))
            let files = try FileManager.default.contentsOfDirectory(atPath: backups + "/app").map { backups + "/app/" + $0 }
            #expect(files.count == 2, "the backup and its manifest: \(files)")
            let paths = [data, backups, backups + "/app"] + ["", "-wal", "-shm"].map { data + "/backup_manager.db" + $0 }
                + [data + "/master.key"] + files
            for path in paths {
                let mode = try Self.mode(path)
                #expect(mode & 0o077 == 0, "\(path) has mode \(String(mode, radix: 8))")
            }
            #expect(!process.log.contains(Self.warning))
        }
    }

    @Test func aDataFolderOthersCanEnterIsReportedInTheLog() async throws {
        // Given an existing data folder with mode 0755
        let process = try ServerProcess()
        let data = process.directory.path("data")
        try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
        #expect(chmod(data, 0o755) == 0)
        // When the server starts on it
        try Self.startUnderUmask022(process)
        defer { process.stop() }
        _ = try #require(try await process.waitUntilHealthy(timeout: .seconds(20)), "log:\n\(process.log)")
        // Then one warning names the folder, its mode and the fix; the folder is left as it was
        let lines = process.log.split(separator: "\n").filter { $0.contains(Self.warning) }
        #expect(lines.count == 1, "log:\n\(process.log)")
        let line = try #require(lines.first)
        #expect(line.contains("warning") && line.contains("chmod 700") && line.contains("pgbm.data_dir=\(data)") && line.contains("pgbm.mode=0755"))
        #expect(try Self.mode(data) == 0o755)
        // And the store in it is still owner-only
        #expect(try Self.mode(data + "/backup_manager.db") & 0o077 == 0)
        #expect(try await process.terminate(timeout: .seconds(10)) == 0)
    }
}
