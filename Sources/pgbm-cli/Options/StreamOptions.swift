import ArgumentParser
import BackupCrypto
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// `-i/--input` and `-o/--output`, each a path or `-` for standard input/output.
struct StreamOptions: ParsableArguments {
    @Option(name: [.short, .customLong("input")], help: "File to read, or - for standard input.")
    var input = "-"

    @Option(
        name: [.short, .customLong("output")],
        help: "File to write (as FILE.partial, renamed when complete), or - for standard output.")
    var output = "-"

    /// Passes the input bytes and the output sink to `body`.
    func transform<T>(
        _ body: (FileDescriptorBytes, FileDescriptorSink) async throws -> T
    ) async throws -> T {
        try await withInput { input in
            if output == "-" { return try await body(input, FileDescriptorSink(descriptor: STDOUT_FILENO)) }
            return try await ContainerFile.writeAtomically(to: output) { sink in try await body(input, sink) }
        }
    }

    /// Passes the input bytes to `body`.
    func withInput<T>(_ body: (FileDescriptorBytes) async throws -> T) async throws -> T {
        try await Self.withInput(input, body)
    }

    /// Passes the bytes of `path`, or of standard input for `-`, to `body`.
    static func withInput<T>(_ path: String, _ body: (FileDescriptorBytes) async throws -> T) async throws -> T {
        if path == "-" { return try await body(FileDescriptorBytes(descriptor: STDIN_FILENO)) }
        return try await ContainerFile.read(path, body)
    }

    /// Fails when binary output would go to a terminal.
    func refuseTerminalOutput(_ what: String) throws {
        if output == "-", isatty(STDOUT_FILENO) == 1 {
            throw ValidationError("--output: refusing to write \(what) to a terminal; give -o FILE or pipe the output")
        }
    }
}
