import BackupStorage
import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

@Suite("Local directory store")
struct LocalDirectoryStoreTests {
    func makeStore() throws -> (LocalDirectoryStore, TemporaryDirectory) {
        let dir = try TemporaryDirectory()
        return (try LocalDirectoryStore(root: dir.path("backups")), dir)
    }

    @Test("put, stat, list, get and delete a file")
    func roundTrip() async throws {
        let (store, dir) = try makeStore()
        let (path, sha256) = try S3Fixture.file(size: 3 << 20, in: dir)
        let key = try ObjectKey("app/app_20261126T020000Z.dump.zst.enc")
        let stored = try await store.put(file: path, as: key)
        #expect(stored.size == 3 << 20)
        #expect(try await store.stat(key) == stored)
        #expect(try await store.list(prefix: "app/") == [stored])
        #expect(try await store.list(prefix: "other/").isEmpty)
        let copy = try await store.get(key, to: dir.path("restored"))
        #expect(copy.sha256 == sha256)
        try await store.delete(key)
        try await store.delete(key)
        #expect(try await store.stat(key) == nil)
    }

    @Test("a folder that is a symbolic link out of the root is refused")
    func symlinkEscapeRefused() async throws {
        let (store, dir) = try makeStore()
        try FileManager.default.createDirectory(atPath: dir.path("outside"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: store.root + "/escape", withDestinationPath: dir.path("outside"))
        let (path, _) = try S3Fixture.file(size: 10, in: dir)
        let error = await #expect(throws: StorageError.self) { try await store.put(file: path, as: ObjectKey("escape/x.dump")) }
        #expect(error?.code == .invalidKey)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path("outside")).isEmpty)
    }

    @Test("a folder that will be created below a symbolic link out of the root is refused")
    func symlinkEscapeThroughMissingFolder() async throws {
        let (store, dir) = try makeStore()
        try FileManager.default.createDirectory(atPath: dir.path("outside"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: store.root + "/escape", withDestinationPath: dir.path("outside"))
        let (path, _) = try S3Fixture.file(size: 10, in: dir)
        let error = await #expect(throws: StorageError.self) { try await store.put(file: path, as: ObjectKey("escape/new/x.dump")) }
        #expect(error?.code == .invalidKey)
        #expect(!FileManager.default.fileExists(atPath: dir.path("outside/new")))
    }

    @Test("an object that is a symbolic link is neither read, listed nor deleted through")
    func symlinkedObjectRefused() async throws {
        let (store, dir) = try makeStore()
        try Data("secret".utf8).write(to: URL(fileURLWithPath: dir.path("victim")))
        try FileManager.default.createSymbolicLink(atPath: store.root + "/link.dump", withDestinationPath: dir.path("victim"))
        let key = try ObjectKey("link.dump")
        await #expect(throws: StorageError.self) { try await store.get(key, to: dir.path("stolen")) }
        await #expect(throws: StorageError.self) { try await store.delete(key) }
        #expect(try await store.list(prefix: "").isEmpty)
        #expect(!FileManager.default.fileExists(atPath: dir.path("stolen")))
        #expect(try String(contentsOfFile: dir.path("victim"), encoding: .utf8) == "secret")
    }

    @Test("a key naming a folder is never deleted or overwritten, and a download never replaces a folder")
    func foldersAreNeverReplaced() async throws {
        let (store, dir) = try makeStore()
        let (path, _) = try S3Fixture.file(size: 10, in: dir)
        _ = try await store.put(file: path, as: ObjectKey("app/one.dump"))
        await #expect(throws: StorageError.self) { try await store.delete(ObjectKey("app")) }
        await #expect(throws: StorageError.self) { try await store.put(file: path, as: ObjectKey("app")) }
        try FileManager.default.createDirectory(atPath: dir.path("target"), withIntermediateDirectories: true)
        try Data("keep".utf8).write(to: URL(fileURLWithPath: dir.path("target/keep")))
        await #expect(throws: StorageError.self) { try await store.get(ObjectKey("app/one.dump"), to: dir.path("target")) }
        #expect(try await store.list(prefix: "").map(\.key.rawValue) == ["app/one.dump"])
        #expect(FileManager.default.fileExists(atPath: dir.path("target/keep")))
    }

    @Test("a write interrupted before its rename leaves nothing that list or stat returns")
    func interruptedWriteInvisible() async throws {
        // Given what a crash between write and rename leaves: a complete-looking .partial file
        let (store, dir) = try makeStore()
        try FileManager.default.createDirectory(atPath: store.root + "/app", withIntermediateDirectories: true)
        try Data(count: 1000).write(to: URL(fileURLWithPath: store.root + "/app/app_1.dump.partial"))
        let (path, _) = try S3Fixture.file(size: 10, in: dir)
        _ = try await store.put(file: path, as: ObjectKey("app/app_2.dump"))
        // Then only the completed file is listed, and clean-up removes the leftover
        #expect(try await store.list(prefix: "").map(\.key.rawValue) == ["app/app_2.dump"])
        #expect(try await store.stat(ObjectKey("app/app_1.dump")) == nil)
        #expect(store.removePartialFiles() == 1)
        #expect(!FileManager.default.fileExists(atPath: store.root + "/app/app_1.dump.partial"))
    }

    @Test("crash clean-up removes no .partial file reached through a folder linked out of the root")
    func partialCleanupStaysInside() async throws {
        // Given a folder of the root that is a link to a folder outside holding a .partial file
        let (store, dir) = try makeStore()
        try FileManager.default.createDirectory(atPath: dir.path("outside"), withIntermediateDirectories: true)
        try Data("victim".utf8).write(to: URL(fileURLWithPath: dir.path("outside/app_1.dump.partial")))
        try FileManager.default.createSymbolicLink(atPath: store.root + "/app", withDestinationPath: dir.path("outside"))
        // When the clean-up runs, then nothing is removed
        #expect(store.removePartialFiles() == 0)
        #expect(try String(contentsOfFile: dir.path("outside/app_1.dump.partial"), encoding: .utf8) == "victim")
    }

    @Test("a missing object is reported as not found")
    func missingObject() async throws {
        let (store, dir) = try makeStore()
        let error = await #expect(throws: StorageError.self) { try await store.get(ObjectKey("nope.dump"), to: dir.path("x")) }
        #expect(error?.code == .notFound)
        #expect(!FileManager.default.fileExists(atPath: dir.path("x")))
    }

    @Test(
        "a full disk fails the write with an I/O error and leaves no file or partial file",
        .enabled(if: getuid() == 0, "needs root to mount a tmpfs"))
    func fullDisk() async throws {
        // Given a backup folder on a 1 MiB tmpfs
        let dir = try TemporaryDirectory()
        let mountPoint = dir.path("tiny")
        try FileManager.default.createDirectory(atPath: mountPoint, withIntermediateDirectories: true)
        let mounted = try ProcessRunner.run("/bin/mount", ["-t", "tmpfs", "-o", "size=1m", "tmpfs", mountPoint])
        #expect(mounted.status == 0, "\(mounted.stderrText)")
        defer { _ = try? ProcessRunner.run("/bin/umount", [mountPoint]) }
        let store = try LocalDirectoryStore(root: mountPoint)
        try await store.testConnection()
        let (path, _) = try S3Fixture.file(size: 3 << 20, in: dir)
        // When a 3 MiB file is stored
        let error = await #expect(throws: StorageError.self) { try await store.put(file: path, as: ObjectKey("app/big.dump")) }
        // Then the error says so, and nothing is left behind
        #expect(error?.code == .io)
        #expect(error?.message.contains("app/big.dump") == true, "\(error?.message ?? "")")
        #expect(try await store.list(prefix: "").isEmpty)
        let leftovers = FileManager.default.enumerator(atPath: mountPoint)?.allObjects.compactMap { $0 as? String } ?? []
        #expect(leftovers.allSatisfy { !$0.hasSuffix(".partial") && !$0.hasSuffix(".dump") }, "\(leftovers)")
    }
}
