import BackupCore
import BackupRepository
import Foundation
import PostgresTestSupport
import Testing

/// Runs and files made directly in a fixture's store (no pg_dump), for the routes that only read them.
extension APIFixture {
    /// The installation's backup folder.
    var backupDirectory: String {
        get async throws { try await store.settings(GeneralSettings.self).backupDirectory }
    }

    /// A database stored directly (no API call, no audit event).
    func seedDatabase(_ name: String) async throws -> Int64 {
        try #require(try await store.createDatabase(ConfiguredDatabase(name: name, host: "db.internal", database: name, user: "backup"), password: nil).id)
    }

    /// A run of `databaseId` that ended in `state` at `at`.
    @discardableResult
    func seedRun(_ databaseId: Int64, state: BackupRun.State = .succeeded, at: Date = Date(), size: Int64 = 1234) async throws -> BackupRun {
        let run = try await store.createRun(BackupRun(databaseId: databaseId, trigger: .schedule, queuedAt: at))
        let id = try #require(run.id)
        guard state != .queued else { return run }
        _ = try await store.transitionRun(id: id, to: state == .cancelled ? .cancelled : .running, at: at) { _ in }
        guard state != .running, state != .cancelled else { return try #require(try await store.run(id: id)) }
        return try await store.transitionRun(id: id, to: state, at: at.addingTimeInterval(2)) { run in
            run.sizeBytes = size
            run.checksum = String(repeating: "a", count: 64)
            if state == .failed { run.error = "pg_dump failed" }
        }
    }

    /// A succeeded run of `databaseId` with a file of `contents` at `<backups>/<slug>/<name>` and a
    /// manifest beside it; returns the file record.
    @discardableResult
    func seedFile(_ databaseId: Int64, at: Date, contents: Data = Data("backup bytes".utf8), state: BackupRun.State = .succeeded, s3Key: String? = nil)
        async throws -> BackupFile
    {
        let run = try await seedRun(databaseId, state: state, at: at, size: Int64(contents.count))
        let database = try #require(try await store.database(id: databaseId))
        let name = ArtifactName(slug: database.slug, startedAt: at, compressed: true, encrypted: false).description
        let folder = try await backupDirectory + "/" + database.slug
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let path = folder + "/" + name
        try contents.write(to: URL(fileURLWithPath: path))
        try Data(#"{"file_name": "\#(name)"}"#.utf8).write(to: URL(fileURLWithPath: path + ".json"))
        return try await store.addFile(
            BackupFile(
                runId: try #require(run.id), databaseId: databaseId, fileName: name, localPath: path, s3Key: s3Key, encrypted: false,
                serverVersion: "15.8", pgDumpVersion: "15.8", sizeBytes: Int64(contents.count), sha256: String(repeating: "b", count: 64),
                createdAt: at))
    }
}

extension APIFixture {
    /// Makes backups and verification use `server`'s own pg_dump and pg_restore.
    func useTools(of server: TestServer) async throws {
        var settings = try await store.settings(BackupSettings.self)
        settings.pgDumpPath = try server.tool("pg_dump")
        settings.pgRestorePath = try server.tool("pg_restore")
        try await store.saveSettings(settings)
    }
}
