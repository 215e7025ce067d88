#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import NIOCore
import NIOFileSystem
import NIOFoundationCompat

/// A ``BackupStore`` in a local folder: object key `a/b.dump` is the file `<root>/a/b.dump`.
///
/// Every path is confined to the root: keys are validated, no folder on the way may be a symbolic link
/// (even one whose target does not exist yet), and the object itself must be a regular file, never a
/// link or a folder. Files are written as `.partial`, fsynced, renamed and the folder fsynced;
/// `.partial` files are never listed and ``removePartialFiles()`` deletes those left by a crash.
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

    /// The file path of `key`, after checking every folder on the way (`lstat`, no link followed).
    /// - Parameter createFolders: create missing folders (for writing).
    public func path(of key: ObjectKey, createFolders: Bool = false) throws(StorageError) -> String {
        var current = root
        let parts = key.rawValue.split(separator: "/")
        for folder in parts.dropLast() {
            current += "/" + folder
            if Self.fileType(current) == nil {
                guard createFolders else { continue }
                guard mkdir(current, 0o700) == 0 || errno == EEXIST else {
                    throw StorageError(.io, "cannot create folder \(current): \(String(cString: strerror(errno)))")
                }
            }
            guard Self.fileType(current) == .typeDirectory else {
                throw StorageError(.invalidKey, "object key \"\(key)\" passes through \(current), which is not a plain folder")
            }
        }
        return current + "/" + parts[parts.count - 1]
    }

    /// The kind of file at `path` without following links: `nil` when there is none.
    static func fileType(_ path: String) -> FileAttributeType? {
        (try? FileManager.default.attributesOfItem(atPath: path))?[.type] as? FileAttributeType
    }

    /// The path of an existing object, which must be a regular file.
    func existingFile(_ key: ObjectKey) throws(StorageError) -> String? {
        let path = try path(of: key)
        switch Self.fileType(path) {
        case nil: return nil
        case .typeRegular: return path
        default: throw StorageError(.invalidKey, "\(path) is not a regular file; pgbm only reads and deletes its own files")
        }
    }

    public func put(file source: String, as key: ObjectKey) async throws -> StoredObject {
        let destination = try path(of: key, createFolders: true)
        if let type = Self.fileType(destination), type != .typeRegular {
            throw StorageError(.invalidKey, "\(destination) exists and is not a regular file")
        }
        let copied = try await copy(from: source, to: destination)
        guard let stored = try await stat(key), stored.size == copied.size else {
            throw StorageError(.integrity, "\(destination) does not have the \(copied.size) bytes just written")
        }
        return stored
    }

    public func get(_ key: ObjectKey, to destination: String) async throws -> DownloadedObject {
        guard let source = try existingFile(key) else {
            throw StorageError(.notFound, "backup file \(key) does not exist in \(root)")
        }
        return try await copy(from: source, to: destination)
    }

    public func list(prefix: String) async throws -> [StoredObject] {
        guard let walker = FileManager.default.enumerator(atPath: root) else { return [] }
        var objects: [StoredObject] = []
        while let relative = walker.nextObject() as? String {
            guard relative.hasPrefix(prefix), let key = try? ObjectKey(relative), let object = try? await stat(key) else {
                continue
            }
            objects.append(object)
        }
        return objects.sorted { $0.key < $1.key }
    }

    public func stat(_ key: ObjectKey) async throws -> StoredObject? {
        guard let path = try existingFile(key),
              let attributes = try? FileManager.default.attributesOfItem(atPath: path),
              let size = (attributes[.size] as? NSNumber)?.int64Value else { return nil }
        let modified = attributes[.modificationDate] as? Date ?? Date(timeIntervalSince1970: 0)
        return StoredObject(key: key, size: size, modified: modified)
    }

    public func delete(_ key: ObjectKey) async throws {
        guard let path = try existingFile(key) else { return }
        guard unlink(path) == 0 || errno == ENOENT else {
            throw StorageError(.io, "cannot delete \(path): \(String(cString: strerror(errno)))")
        }
        AtomicFileWriter.syncDirectory(of: path)
    }

    /// Checks the folder can be written: creates, fsyncs and removes a probe file.
    public func testConnection() async throws {
        let probe = "\(root)/.pgbm-write-test-\(UUID().uuidString)"
        do {
            try await AtomicFileWriter.write(to: probe) { try await $0.write(ByteBuffer(string: "ok"), at: 0) }
            unlink(probe)
        } catch {
            throw StorageError(.io, "the backup folder \(root) is not writable: \(error)")
        }
    }

    /// Deletes the regular `.partial` files left by interrupted writes, only those whose real path lies
    /// inside the root (none reached through a symbolic link to another folder); returns how many were
    /// deleted.
    @discardableResult
    public func removePartialFiles() -> Int {
        guard let walker = FileManager.default.enumerator(atPath: root) else { return 0 }
        var removed = 0
        while let relative = walker.nextObject() as? String {
            let path = root + "/" + relative
            guard relative.hasSuffix(".partial"), Self.fileType(path) == .typeRegular, Self.isInside(path, root: root),
                unlink(path) == 0
            else { continue }
            removed += 1
        }
        return removed
    }

    /// Whether the real path of `path` (every link followed) lies below `root` (itself a real path).
    static func isInside(_ path: String, root: String) -> Bool {
        guard let resolved = realpath(path, nil) else { return false }
        defer { free(resolved) }
        return String(cString: resolved).hasPrefix(root + "/")
    }

    /// Streams `source` into `destination` atomically, hashing what it writes.
    private func copy(from source: String, to destination: String) async throws -> DownloadedObject {
        do {
            return try await FileSystem.shared.withFileHandle(
                forReadingAt: FilePath(source), options: OpenOptions.Read(followSymbolicLinks: false)
            ) { input in
                try await AtomicFileWriter.write(to: destination) { output in
                    var appender = HashingAppender(output)
                    for try await chunk in input.readChunks(chunkLength: .mebibytes(1)) {
                        try await appender.append(chunk.readableBytesView)
                    }
                    return DownloadedObject(size: appender.size, sha256: appender.sha256Hex)
                }
            }
        } catch let error as FileSystemError {
            throw StorageError(.io, "cannot copy \(source) to \(destination): \(error.message)")
        }
    }
}

