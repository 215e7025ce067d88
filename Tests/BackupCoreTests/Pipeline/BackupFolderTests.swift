import BackupCore
import Foundation
import TestSupport
import Testing

/// ``BackupFolder``: the one resolver downloads, deletes, retention, restores and the catalogue use.
@Suite("Backup folder: real paths confined to the folder")
struct BackupFolderTests {
    /// `<tmp>/backups/app/app_….dump` (+ manifest), a secret beside the folder, `<tmp>/outside/` with a file.
    struct Layout {
        let directory: TemporaryDirectory
        var backups: String { directory.path("backups") }
        var outside: String { directory.path("outside") }
        var folder: BackupFolder { BackupFolder(backups) }
        static let name = "app_20261126T020000Z.dump.zst"

        init() throws {
            directory = try TemporaryDirectory()
            let files = FileManager.default
            try files.createDirectory(atPath: directory.path("backups/app"), withIntermediateDirectories: true)
            try files.createDirectory(atPath: directory.path("outside/app"), withIntermediateDirectories: true)
            try Data("backup".utf8).write(to: URL(fileURLWithPath: directory.path("backups/app/\(Self.name)")))
            try Data("{}".utf8).write(to: URL(fileURLWithPath: directory.path("backups/app/\(Self.name).json")))
            try Data("victim".utf8).write(to: URL(fileURLWithPath: directory.path("outside/app/\(Self.name)")))
        }

        func link(_ path: String, to target: String) throws {
            try? FileManager.default.removeItem(atPath: path)
            try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: target)
        }
    }

    @Test func aFileInsideResolvesToItsRealPath() throws {
        let layout = try Layout()
        let real = try #require(BackupFolder.realPathForTesting(layout.backups))
        #expect(layout.folder.resolve(path: layout.backups + "/app/" + Layout.name) == .file(real + "/app/" + Layout.name))
        #expect(layout.folder.resolve(relative: "app/" + Layout.name) == .file(real + "/app/" + Layout.name))
        #expect(layout.folder.resolve(relative: "app") == .folder(real + "/app"))
        #expect(layout.folder.resolve(relative: "app/missing.dump") == .missing)
    }

    @Test func aSymlinkedDatabaseFolderLeadingOutIsOutside() throws {
        // Given the database folder replaced by a link to a folder outside holding a file of the same name
        let layout = try Layout()
        try FileManager.default.removeItem(atPath: layout.backups + "/app")
        try layout.link(layout.backups + "/app", to: layout.outside + "/app")
        // Then the file, the folder and a relative name through it are all outside
        #expect(layout.folder.resolve(path: layout.backups + "/app/" + Layout.name) == .outside)
        #expect(layout.folder.resolve(relative: "app/" + Layout.name) == .outside)
        #expect(layout.folder.resolve(relative: "app") == .outside)
    }

    @Test func aSymlinkedFileLeadingOutIsOutsideAndOneStayingInsideIsItsTarget() throws {
        let layout = try Layout()
        let path = layout.backups + "/app/" + Layout.name
        try layout.link(path, to: layout.outside + "/app/" + Layout.name)
        #expect(layout.folder.resolve(path: path) == .outside)
        // A link to another file inside the folder is that file
        let other = layout.backups + "/app/app_20261127T020000Z.dump.zst"
        try Data("other".utf8).write(to: URL(fileURLWithPath: other))
        try layout.link(path, to: other)
        #expect(layout.folder.resolve(path: path) == .file(try #require(BackupFolder.realPathForTesting(other))))
        // A dangling link is missing
        try layout.link(path, to: layout.directory.path("nowhere"))
        #expect(layout.folder.resolve(path: path) == .missing)
    }

    @Test(arguments: [
        "/../outside/app/" + Layout.name, "/app/../../outside/app/" + Layout.name, "/app/../../outside/app/missing.dump",
        "/..", "/app/..",
    ])
    func dotDotSegmentsThatClimbOutAreOutside(suffix: String) throws {
        let layout = try Layout()
        #expect(layout.folder.resolve(path: layout.backups + suffix) == .outside)
    }

    @Test(arguments: [
        "../outside/app/" + Layout.name, "/etc/passwd", "app/../app/" + Layout.name, "app//" + Layout.name, "./app",
        "app\\x", "app/\u{0}x", "",
    ])
    func relativeNamesWithTraversalShapesAreOutside(name: String) throws {
        #expect(try Layout().folder.resolve(relative: name) == .outside)
    }

    @Test func pathsNotBelowTheFolderAndAMissingFolderAreRefusedOrMissing() throws {
        let layout = try Layout()
        #expect(layout.folder.resolve(path: layout.outside + "/app/" + Layout.name) == .outside)
        #expect(layout.folder.resolve(path: layout.backups + "-other/app/x") == .outside)
        #expect(BackupFolder(layout.directory.path("absent")).resolve(path: layout.directory.path("absent/app/x")) == .missing)
    }

    @Test func theBackupFolderItselfMayBeALink() throws {
        // Given the configured folder is a link to the real one (a NAS mount point, say)
        let layout = try Layout()
        let configured = layout.directory.path("configured")
        try layout.link(configured, to: layout.backups)
        let real = try #require(BackupFolder.realPathForTesting(layout.backups))
        // Then its files resolve inside it
        #expect(BackupFolder(configured).resolve(path: configured + "/app/" + Layout.name) == .file(real + "/app/" + Layout.name))
    }

    @Test func theCatalogueListsOnlyFilesInsideTheFolder() throws {
        // Given one database folder inside, one linked to a folder outside, and a file linked outside
        let layout = try Layout()
        try FileManager.default.createDirectory(atPath: layout.outside + "/other", withIntermediateDirectories: true)
        try Data("victim".utf8).write(to: URL(fileURLWithPath: layout.outside + "/other/other_20261126T020000Z.dump"))
        try layout.link(layout.backups + "/other", to: layout.outside + "/other")
        try layout.link(layout.backups + "/app/app_20261125T020000Z.dump", to: layout.outside + "/app/" + Layout.name)
        // Then only the file inside is listed
        #expect(BackupCatalog.list(directory: layout.backups).map(\.key) == [layout.backups + "/app/" + Layout.name])
    }
}

extension BackupFolder {
    /// `realpath(3)` through the public API: the real path of a folder, or of a file's folder plus its name.
    static func realPathForTesting(_ path: String) -> String? {
        if let real = BackupFolder(path).realPath { return real }
        let url = URL(fileURLWithPath: path)
        return BackupFolder(url.deletingLastPathComponent().path).realPath.map { $0 + "/" + url.lastPathComponent }
    }
}
