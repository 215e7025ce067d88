#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import NIOCore
import NIOFileSystem

/// Writes a file as `<path>.partial` and publishes it by fsync + `rename(2)` + directory fsync, so
/// `<path>` is either absent, the old file, or the complete new one. The partial file is removed on any
/// error. A destination that is a directory is refused (never replaced).
///
/// The partial file is a real, visible file from the start (`O_CREAT | O_EXCL`), not NIO's default
/// "transactional" creation: that writes into an anonymous `O_TMPFILE` (or, where the file system lacks
/// it, a hidden `.tmp-XXXXXX`) and links it only at close, so a process killed mid-write would leave no
/// trace of the space it used, or a hidden file nothing cleans up. A `.partial` is what
/// ``LocalDirectoryStore/removePartialFiles()`` and pgbm's crash recovery remove.
///
/// ```swift
/// try await AtomicFileWriter.write(to: "/backups/app/app_20261126T020000Z.dump.zst") { file in
///     try await file.write(chunk, at: 0)
/// }
/// ```
public struct AtomicFileWriter: Sendable {
    let handle: WriteFileHandle

    /// Runs `body` with a writer on `<path>.partial` (created fresh, mode 0600) and publishes the file
    /// when it returns.
    /// - Throws: ``StorageError`` `io` naming the path and the system's reason (a full disk among them).
    public static func write<T: Sendable>(to path: String, _ body: (AtomicFileWriter) async throws -> T) async throws -> T {
        guard !path.hasSuffix("/"), !isDirectory(path) else {
            throw StorageError(.io, "cannot write \(path): it is a folder")
        }
        let partial = path + ".partial"
        unlink(partial)
        let result: T
        do {
            result = try await FileSystem.shared.withFileHandle(
                forWritingAt: FilePath(partial),
                options: OpenOptions.Write(
                    existingFile: .none,
                    newFile: OpenOptions.NewFile(permissions: [.ownerRead, .ownerWrite], transactionalCreation: false))
            ) { handle in
                let value = try await body(AtomicFileWriter(handle: handle))
                try await handle.synchronize()
                return value
            }
            guard rename(partial, path) == 0 else {
                throw StorageError(.io, "cannot rename \(partial) to \(path): \(String(cString: strerror(errno)))")
            }
        } catch {
            unlink(partial)
            throw storageError(error, path: path)
        }
        syncDirectory(of: path)
        return result
    }

    /// Writes `buffer` at `offset`.
    func write(_ buffer: ByteBuffer, at offset: Int64) async throws {
        _ = try await handle.write(contentsOf: buffer.readableBytesView, toAbsoluteOffset: offset)
    }

    /// Writes `bytes` at `offset`.
    public func write(_ bytes: some Sequence<UInt8> & Sendable, at offset: Int64) async throws {
        _ = try await handle.write(contentsOf: bytes, toAbsoluteOffset: offset)
    }

    /// Empties the file (a transfer that has to start over).
    func truncate() async throws {
        try await handle.resize(to: .bytes(0))
    }

    static func isDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    static func syncDirectory(of path: String) {
        let slash = path.lastIndex(of: "/")
        let directory = slash.map { path[..<$0].isEmpty ? "/" : String(path[..<$0]) } ?? "."
        let fd = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        fsync(fd)
        close(fd)
    }

    static func storageError(_ error: any Error, path: String) -> any Error {
        guard let fileError = error as? FileSystemError else { return error }
        return StorageError(.io, "cannot write \(path): \(reason(fileError))")
    }

    /// NIO's message with the system's reason (`Could not write to file.` alone hides a full disk).
    static func reason(_ error: FileSystemError) -> String {
        var cause = error.cause
        while let current = cause {
            if let call = current as? FileSystemError.SystemCallError {
                if call.errno == .noSpace || call.errno == .diskQuotaExceeded {
                    return "the disk is full (\(call.systemCall): \(call.errno))"
                }
                return "\(error.message) (\(call.systemCall): \(call.errno))"
            }
            cause = (current as? FileSystemError)?.cause
        }
        return error.message
    }
}
