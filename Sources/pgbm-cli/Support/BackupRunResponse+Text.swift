import BackupAPIModels
import BackupRepository
import Foundation

extension BackupRunResponse {
    /// `run` with its files listed, as `GET /api/backups/{id}` shows it.
    init(detailing run: BackupRun, in store: any ConfigurationStore, now: Date = Date()) async throws {
        let files = try await store.files(runId: run.id ?? 0)
        let database = try await store.database(id: run.databaseId)
        let directory = try await store.settings(GeneralSettings.self).backupDirectory
        let detailed = files.map { file in
            BackupFileResponse(
                file, slug: database?.slug, backupDirectory: directory,
                onDisk: file.localPath.map { FileManager.default.fileExists(atPath: $0) } ?? false)
        }
        self.init(run, database: database, files: files, detailed: detailed, now: now)
    }

    /// A page of runs as `GET /api/backups` lists them (without their files).
    static func page(_ runs: Page<BackupRun>, in store: any ConfigurationStore, now: Date = Date()) async throws
        -> PageResponse<BackupRunResponse>
    {
        let files = try await store.files(runIds: runs.items.compactMap(\.id))
        let databases = Dictionary(
            try await store.databases(includingDeleted: true).compactMap { database in
                database.id.map { ($0, database) }
            },
            uniquingKeysWith: { first, _ in first })
        let items = runs.items.map { run in
            BackupRunResponse(
                run, database: databases[run.databaseId], files: files[run.id ?? 0] ?? [], detailed: nil, now: now)
        }
        return PageResponse(items: items, nextCursor: runs.nextCursor)
    }

    /// `run 7: succeeded, 1.2 MiB in 3.4 s`, then the checksum and the error or note on lines of their own.
    var text: String {
        var line = "run \(id): \(state)"
        if let size = sizeBytes ?? progressBytes {
            line += ", \(ByteCountFormatter.string(fromByteCount: size, countStyle: .binary))"
        }
        if let durationSeconds, finishedAt != nil { line += String(format: " in %.1f s", durationSeconds) }
        if let checksum { line += "\nsha256 \(checksum)" }
        if let error { line += "\n\(state == "succeeded" ? "note" : "error"): \(error)" }
        return line
    }
}
