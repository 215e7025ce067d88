import BackupAPI
import BackupCore
import BackupRepository
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import TestSupport
import Testing

/// Download, delete, the local catalogue and a restore from the folder resolve a backup file the same way
/// (its real path, inside the real backup folder): a symbolic link or `..` leading out is refused by all
/// of them, and nothing outside the folder is read or removed.
@Suite("Backup files: one path resolver for download, delete, catalogue and restore")
struct BackupFileConfinementTests {
    static let base = Date(timeIntervalSince1970: 1_790_000_000)
    static let victim = "outside bytes that must survive"

    /// How a file record is made to lead out of the backup folder.
    enum Escape: String, CaseIterable, Sendable {
        /// The database folder is a link to a folder outside holding a file (and manifest) of the same name.
        case linkedDatabaseFolder
        /// The backup file itself is a link to a file outside.
        case linkedFile
        /// The recorded path climbs out with `..`.
        case dotDotPath
        /// The file is real but its manifest is a link to a file outside.
        case linkedManifest
    }

    /// A database with two backups (the newer one keeps retention's newest rule out of the way) whose
    /// older file record leads out of the folder as `escape` says; returns it and the outside files.
    static func escapingFile(_ fixture: APIFixture, _ escape: Escape) async throws -> (file: BackupFile, outside: [String]) {
        let app = try await fixture.seedDatabase("app")
        var file = try await fixture.seedFile(app, at: base)
        _ = try await fixture.seedFile(app, at: base.addingTimeInterval(60))
        let backups = try await fixture.backupDirectory
        let outsideFolder = fixture.directory.path("outside/app")
        try FileManager.default.createDirectory(atPath: outsideFolder, withIntermediateDirectories: true)
        let outsideFile = outsideFolder + "/" + file.fileName
        let files = [outsideFile, outsideFile + ".json"]
        for path in files { try Data(victim.utf8).write(to: URL(fileURLWithPath: path)) }
        let path = try #require(file.localPath)
        switch escape {
        case .linkedDatabaseFolder:
            // (the newer file moves along: the whole folder is elsewhere now)
            for name in try FileManager.default.contentsOfDirectory(atPath: backups + "/app") where !name.hasPrefix(file.fileName) {
                try FileManager.default.moveItem(atPath: backups + "/app/" + name, toPath: outsideFolder + "/" + name)
            }
            try FileManager.default.removeItem(atPath: backups + "/app")
            try FileManager.default.createSymbolicLink(atPath: backups + "/app", withDestinationPath: outsideFolder)
        case .linkedFile:
            try FileManager.default.removeItem(atPath: path)
            try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: outsideFile)
        case .dotDotPath:
            try FileManager.default.removeItem(atPath: path)
            try FileManager.default.removeItem(atPath: path + ".json")
            file.localPath = backups + "/app/../../outside/app/" + file.fileName
            try await fixture.store.updateFile(file)
        case .linkedManifest:
            try FileManager.default.removeItem(atPath: path + ".json")
            try FileManager.default.createSymbolicLink(atPath: path + ".json", withDestinationPath: outsideFile + ".json")
        }
        return (file, files)
    }

    @Test(arguments: Escape.allCases)
    func deleteRefusesAndRemovesNothingOutside(escape: Escape) async throws {
        // Given a file record that leads out of the backup folder
        let fixture = try await APIFixture()
        let (file, outside) = try await Self.escapingFile(fixture, escape)
        // When it is deleted (forced, local copy)
        let response = try await fixture.test { client in
            try await client.send(.delete, "/api/backups/files/\(file.fileName)?scope=local&force=true")
        }
        // Then nothing outside was removed, and the record keeps its local copy (and the file its manifest)
        for path in outside { #expect(FileManager.default.contents(atPath: path) == Data(Self.victim.utf8), "\(path)") }
        #expect(try await fixture.store.file(named: file.fileName)?.localPath == file.localPath)
        #expect(try await fixture.store.events(AuditFilter(action: "backup_file.delete"), limit: 10, cursor: nil).items.isEmpty)
        if escape == .linkedManifest { #expect(FileManager.default.fileExists(atPath: try #require(file.localPath))) }
        // And the answer is 409 outside_backup_folder saying why
        try expectError(response, status: .conflict, code: "outside_backup_folder")
        let message = try #require(try JSONBody(response)["error"]?["message"]?.string)
        #expect(message.contains("leads out of the backup folder") && message.contains("nothing was deleted"), "\(message)")
    }

    @Test(arguments: Escape.allCases)
    func downloadRefusesTheSamePaths(escape: Escape) async throws {
        let fixture = try await APIFixture()
        let (file, _) = try await Self.escapingFile(fixture, escape)
        try await fixture.test { client in
            let target = escape == .linkedManifest ? file.fileName + ".json" : file.fileName
            let response = try await client.send(.get, "/api/backups/files/\(target)/download")
            try expectError(response, status: .conflict, code: "outside_backup_folder")
            #expect(!String(buffer: response.body).contains(Self.victim))
        }
    }

    @Test func theCatalogueAndARestoreFromTheFolderRefuseALinkedDatabaseFolder() async throws {
        // Given the database folder is a link leading out of the backup folder
        let fixture = try await APIFixture()
        let (file, _) = try await Self.escapingFile(fixture, .linkedDatabaseFolder)
        try await fixture.test { client in
            // Then the local catalogue does not offer its files, and a restore from one is a 400 invalid_path
            let listed = try JSONBody(try await client.send(.get, "/api/restore/local-backups"))
            #expect(listed["items"]?.array.isEmpty == true, "\(listed.value)")
            let restore = try await client.send(
                .post, "/api/restore/from-local",
                json: #"{"file": "app/\#(file.fileName)", "target": {"connection": {"host": "db.internal", "user": "postgres", "database": "postgres"}}}"#)
            try expectError(restore, status: .badRequest, code: "invalid_path", field: "file")
            // And the file list shows the record as not on disk
            let files = try JSONBody(try await client.send(.get, "/api/backups/files"))
            let entry = try #require(files["items"]?.array.first { $0["name"]?.string == file.fileName })
            #expect(entry["on_disk"]?.bool == false)
        }
    }
}
