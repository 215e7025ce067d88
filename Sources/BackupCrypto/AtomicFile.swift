#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file written as `<path>.partial` and published by fsync + rename + directory fsync, so that
/// `<path>` either does not exist or is complete.
///
/// Exactly one of ``commit()`` or ``discard()`` must be called; each closes the descriptor once and
/// removes the partial file unless it was published. A stale `<path>.partial` (from a crash) is removed
/// and created afresh with mode 0600, never followed if it is a symbolic link. One writer per
/// destination at a time.
///
/// When `<path>` already exists and is not a regular file (a FIFO, `/dev/null`, a terminal), it is
/// written in place instead: renaming over a device or pipe would replace it with a plain file.
struct AtomicFile {
    let path: String
    let partialPath: String?
    let descriptor: Int32

    /// Creates `<path>.partial`, readable by the owner only.
    init(path: String) throws(ContainerError) {
        self.path = path
        if Self.isSpecialFile(path) {
            partialPath = nil
            descriptor = open(path, O_WRONLY | O_CLOEXEC)
            guard descriptor >= 0 else { throw ContainerError.fileSystemFailure("open", path: path) }
            return
        }
        let partialPath = path + ".partial"
        self.partialPath = partialPath
        unlink(partialPath)
        descriptor = open(partialPath, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw ContainerError.fileSystemFailure("create", path: partialPath) }
    }

    var sink: FileDescriptorSink { FileDescriptorSink(descriptor: descriptor, path: partialPath ?? path) }

    /// Flushes the data to disk, renames the partial file to its final name and syncs the directory.
    /// On failure the partial file is removed before the error is thrown.
    func commit() throws(ContainerError) {
        guard let partialPath else {
            close(descriptor)
            return
        }
        guard fsync(descriptor) == 0 else {
            let error = ContainerError.fileSystemFailure("fsync", path: partialPath)
            discard()
            throw error
        }
        close(descriptor)
        guard rename(partialPath, path) == 0 else {
            let error = ContainerError.fileSystemFailure("rename", path: path)
            unlink(partialPath)
            throw error
        }
        Self.syncDirectory(of: path)
    }

    /// Closes and removes the partial file.
    func discard() {
        close(descriptor)
        if let partialPath { unlink(partialPath) }
    }

    static func isSpecialFile(_ path: String) -> Bool {
        var info = stat()
        guard stat(path, &info) == 0 else { return false }
        return info.st_mode & S_IFMT != S_IFREG
    }

    static func syncDirectory(of path: String) {
        let directory = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? "."
        let fd = open(directory.isEmpty ? "/" : directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        fsync(fd)
        close(fd)
    }
}
