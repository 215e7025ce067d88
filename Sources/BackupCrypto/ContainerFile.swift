#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// File-to-file encryption, decryption and verification.
///
/// Outputs are written as `<destination>.partial`, fsynced and renamed only when complete and
/// authenticated, so a destination file is never half-written; on any error the partial file is removed.
///
/// ```swift
/// try await ContainerFile.encrypt(from: "app.dump", to: "app.dump.enc", passphrase: passphrase)
/// ```
public enum ContainerFile {
    /// Encrypts the file at `source` into a container at `destination`.
    @discardableResult
    public static func encrypt(
        from source: String, to destination: String, passphrase: String, parameters: EncryptionParameters = .standard
    ) async throws -> ContainerSummary {
        try await transform(from: source, to: destination) { input, output in
            try await ContainerStream.encrypt(input, passphrase: passphrase, parameters: parameters, into: output.write)
        }
    }

    /// Decrypts the container at `source` into `destination`.
    @discardableResult
    public static func decrypt(from source: String, to destination: String, passphrase: String) async throws -> ContainerSummary {
        try await transform(from: source, to: destination) { input, output in
            try await ContainerStream.decrypt(input, passphrase: passphrase, into: output.write)
        }
    }

    /// Authenticates every chunk of the container at `path`.
    public static func verify(at path: String, passphrase: String) async throws -> ContainerSummary {
        try await read(path) { try await ContainerStream.verify($0, passphrase: passphrase) }
    }

    /// Writes what `body` produces to `<destination>.partial`, then fsyncs and renames it to
    /// `destination` and syncs the directory; on any error the partial file is removed. An existing
    /// destination that is not a regular file (a FIFO, `/dev/null`) is written in place.
    ///
    /// - Parameters:
    ///   - destination: the final path.
    ///   - body: receives the sink that appends to the partial file.
    public static func writeAtomically<T>(
        to destination: String, _ body: (FileDescriptorSink) async throws -> T
    ) async throws -> T {
        let output = try AtomicFile(path: destination)
        let result: T
        do {
            result = try await body(output.sink)
        } catch {
            output.discard()
            throw error
        }
        try output.commit()
        return result
    }

    /// Opens `path` for reading and passes its bytes to `body`; the file is closed afterwards.
    public static func read<T>(_ path: String, _ body: (FileDescriptorBytes) async throws -> T) async throws -> T {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw ContainerError.fileSystemFailure("open", path: path) }
        defer { close(fd) }
        return try await body(FileDescriptorBytes(descriptor: fd, path: path))
    }

    private static func transform(
        from source: String,
        to destination: String,
        _ body: (FileDescriptorBytes, FileDescriptorSink) async throws -> ContainerSummary
    ) async throws -> ContainerSummary {
        try await read(source) { input in
            try await writeAtomically(to: destination) { output in try await body(input, output) }
        }
    }
}
