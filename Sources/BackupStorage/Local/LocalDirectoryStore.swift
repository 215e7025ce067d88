import Crypto
import Foundation
import NIOCore
import NIOFileSystem

/// A ``BackupStore`` in a local folder: object key `a/b.dump` is the file `<root>/a/b.dump`.
///
/// Every path is confined to the root (keys are validated, and a key whose folders resolve outside
/// the root through a symbolic link is refused). Files are written as `.partial`, fsynced, renamed and
/// the folder fsynced; `.partial` files are never listed and ``removePartialFiles()`` deletes those
/// left by a crash.
public struct LocalDirectoryStore: BackupStore {
    /// The root folder, absolute and without symbolic links.
    public let root: String

    /// Opens (creating if needed) the folder at `root`.
    /// - Throws: ``StorageError`` `io` when it cannot be created or is not a folder.
    public init(root: String) throws(StorageError) {
        do {
            try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        } catch {
            throw StorageError(.io, "cannot create the backup folder \(root): \(error.localizedDescription)")
        }
        self.root = URL(fileURLWithPath: root).resolvingSymlinksInPath().path
    }

    /// The file path of `key`, after checking that its folder resolves inside the root.
    public func path(of key: ObjectKey) throws(StorageError) -> String {
        let path = root + "/" + key.rawValue
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().resolvingSymlinksInPath().path
        guard folder == root || folder.hasPrefix(root + "/") else {
            throw StorageError(.invalidKey, "object key \"\(key)\" leads outside the backup folder")
        }
        return path
    }

    public func put(file source: String, as key: ObjectKey) async throws -> StoredObject {
        let destination = try path(of: key)
        try FileManager.default.createDirectory(
            atPath: (destination as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        _ = try await copy(from: source, to: destination)
        guard let stored = try await stat(key) else { throw StorageError(.io, "\(destination) vanished after writing") }
        return stored
    }

    public func get(_ key: ObjectKey, to destination: String) async throws -> DownloadedObject {
        let source = try path(of: key)
        guard FileManager.default.fileExists(atPath: source) else {
            throw StorageError(.notFound, "backup file \(key) does not exist in \(root)")
        }
        return try await copy(from: source, to: destination)
    }

    public func list(prefix: String) async throws -> [StoredObject] {
        guard let walker = FileManager.default.enumerator(atPath: root) else { return [] }
        var objects: [StoredObject] = []
        while let relative = walker.nextObject() as? String {
            guard relative.hasPrefix(prefix), !relative.hasSuffix(".partial"),
                  let key = try? ObjectKey(relative), let object = try await stat(key) else { continue }
            objects.append(object)
        }
        return objects.sorted { $0.key < $1.key }
    }

    public func stat(_ key: ObjectKey) async throws -> StoredObject? {
        guard let info = try await FileSystem.shared.info(forFileAt: FilePath(try path(of: key)), infoAboutSymbolicLink: true),
              info.type == .regular else { return nil }
        let modified = Date(timeIntervalSince1970: Double(info.lastDataModificationTime.seconds))
        return StoredObject(key: key, size: info.size, modified: modified)
    }

    public func delete(_ key: ObjectKey) async throws {
        let path = try path(of: key)
        do {
            try FileManager.default.removeItem(atPath: path)
        } catch CocoaError.fileNoSuchFile {
            return
        } catch {
            throw StorageError(.io, "cannot delete \(path): \(error.localizedDescription)")
        }
    }

    /// Checks the folder can be written: creates, fsyncs and removes a probe file.
    public func testConnection() async throws {
        let probe = "\(root)/.pgbm-write-test-\(UUID().uuidString)"
        do {
            try await AtomicFileWriter.write(to: probe) { try await $0.write(ByteBuffer(string: "ok"), at: 0) }
            try FileManager.default.removeItem(atPath: probe)
        } catch {
            throw StorageError(.io, "the backup folder \(root) is not writable: \(error)")
        }
    }

    /// Deletes `.partial` files left by interrupted writes; returns how many.
    @discardableResult
    public func removePartialFiles() throws -> Int {
        guard let walker = FileManager.default.enumerator(atPath: root) else { return 0 }
        var removed = 0
        while let relative = walker.nextObject() as? String {
            guard relative.hasSuffix(".partial") else { continue }
            try? FileManager.default.removeItem(atPath: root + "/" + relative)
            removed += 1
        }
        return removed
    }

    /// Streams `source` into `destination` atomically, hashing what it writes.
    private func copy(from source: String, to destination: String) async throws -> DownloadedObject {
        try await FileSystem.shared.withFileHandle(forReadingAt: FilePath(source)) { input in
            try await AtomicFileWriter.write(to: destination) { output in
                var hasher = SHA256()
                var offset: Int64 = 0
                for try await chunk in input.readChunks(chunkLength: .mebibytes(1)) {
                    try await output.write(chunk, at: offset)
                    chunk.withUnsafeReadableBytes { hasher.update(bufferPointer: $0) }
                    offset += Int64(chunk.readableBytes)
                }
                return DownloadedObject(size: offset, sha256: hasher.finalize().hexString)
            }
        }
    }
}
