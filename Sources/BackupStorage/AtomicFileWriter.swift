import NIOCore
import NIOFileSystem

/// Writes a file as `<path>.partial` and publishes it by fsync + rename + directory fsync, so `<path>`
/// is either absent or complete. The partial file is removed on any error.
struct AtomicFileWriter: Sendable {
    let handle: WriteFileHandle
    let path: FilePath
    let partialPath: FilePath

    /// Runs `body` with a writer on `<path>.partial` (created fresh, mode 0600) and publishes the file
    /// when it returns.
    static func write<T: Sendable>(to path: String, _ body: (AtomicFileWriter) async throws -> T) async throws -> T {
        let final = FilePath(path)
        let partial = FilePath(path + ".partial")
        let fileSystem = FileSystem.shared
        _ = try? await fileSystem.removeItem(at: partial)
        let result: T
        do {
            result = try await fileSystem.withFileHandle(
                forWritingAt: partial,
                options: .newFile(replaceExisting: false, permissions: [.ownerRead, .ownerWrite])
            ) { handle in
                let value = try await body(AtomicFileWriter(handle: handle, path: final, partialPath: partial))
                try await handle.synchronize()
                return value
            }
            try await fileSystem.replaceItem(at: final, withItemAt: partial)
        } catch {
            _ = try? await fileSystem.removeItem(at: partial)
            throw storageError(error, path: path)
        }
        try? await fileSystem.withDirectoryHandle(atPath: final.removingLastComponent()) { try await $0.synchronize() }
        return result
    }

    /// Writes `buffer` at `offset`.
    func write(_ buffer: ByteBuffer, at offset: Int64) async throws {
        _ = try await handle.write(contentsOf: buffer.readableBytesView, toAbsoluteOffset: offset)
    }

    /// Empties the file (a transfer that has to start over).
    func truncate() async throws {
        try await handle.resize(to: .bytes(0))
    }

    static func storageError(_ error: any Error, path: String) -> any Error {
        guard let fileError = error as? FileSystemError else { return error }
        return StorageError(.io, "cannot write \(path): \(fileError.message)")
    }
}
