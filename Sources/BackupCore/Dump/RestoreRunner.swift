public import Foundation
public import Logging
import Subprocess

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Runs `pg_restore` with the archive fed to its standard input from an async sequence of blocks (a file,
/// a decrypting stream, a download): today `pg_restore --list`, the check every backup gets.
///
/// ```swift
/// let pgRestore = try await ToolLocator().tool(.pgRestore, atLeast: [archiveMajor])
/// let contents = try await RestoreRunner(logger: logger).list(FileDescriptorBytes(descriptor: fd), with: pgRestore)
/// ```
///
/// `pg_restore --list` reads only the archive's table of contents and exits, usually long before the
/// input ends; the pipe it closed is expected: once it exits with status 0, writing stops, the rest of
/// the input is not read, and the listing is the result. To survive that closed pipe this process
/// ignores SIGPIPE (as SwiftNIO does on Linux), so writes fail with `EPIPE` instead of killing it;
/// children still start with the default signal handling.
public struct RestoreRunner: Sendable {
    /// The largest listing collected (16 MiB: about 150,000 entries).
    public static let listingLimit = 16 << 20

    let logger: Logger?
    /// Where a restore's short-lived passfile folder is made.
    let temporaryDirectory: String

    /// A runner.
    /// - Parameters:
    ///   - temporaryDirectory: the folder for a restore's passfile (the system's temporary folder).
    ///   - logger: receives `debug` lines for start, end and failure of each run.
    public init(temporaryDirectory: String? = nil, logger: Logger? = nil) {
        self.temporaryDirectory = temporaryDirectory ?? FileManager.default.temporaryDirectory.path
        self.logger = logger
    }

    /// Lists the archive read from `archive` with `pg_restore --list`.
    ///
    /// - Parameters:
    ///   - archive: the archive's bytes (custom or tar format), in order.
    ///   - tool: a `pg_restore` at least as new as the `pg_dump` that wrote the archive.
    ///   - limits: maximum run time and termination grace.
    /// - Returns: the parsed table of contents.
    /// - Throws: ``DumpError``: `pg_restore` failed (not an archive, truncated, too new), the input
    ///   sequence threw (``DumpError/Code/inputFailed``), maximum run time, cancelled.
    public func list<Archive: AsyncSequence>(
        _ archive: Archive,
        with tool: PostgresTool,
        limits: RunLimits = RunLimits()
    ) async throws(DumpError) -> ArchiveContents where Archive.Element: DataProtocol {
        guard tool.kind == .pgRestore else {
            throw DumpError(.invalidOptions, tool: .pgRestore, detail: "expected pg_restore, got \(tool)")
        }
        _ = Self.ignoreSIGPIPE
        var environment = ProcessInfo.processInfo.environment.filter { key, _ in
            !key.hasPrefix("PG") && key != "LC_ALL" && key != "LANGUAGE"
        }
        environment["LC_MESSAGES"] = "C"
        let process = ToolProcess(
            tool: tool, arguments: ["--list"], environment: environment, limits: limits, lockWaitTimeout: nil,
            redact: { $0 }, logger: logger)
        let result = try await process.run { output, input in
            try await withThrowingTaskGroup(of: [UInt8].self) { group in
                group.addTask {
                    // Past the limit the rest is read and dropped, so pg_restore never blocks on a full pipe.
                    var listing: [UInt8] = []
                    var overflow = false
                    for try await block in output {
                        overflow = overflow || listing.count + block.count > Self.listingLimit
                        if !overflow { listing.append(contentsOf: block) }
                    }
                    if overflow {
                        throw DumpError(.outputTooLarge, tool: .pgRestore, detail: "\(Self.listingLimit >> 20) MiB")
                    }
                    return listing
                }
                do {
                    for try await block in archive {
                        let data = block as? Data ?? Data(block)
                        // A failed write means pg_restore closed its input; its exit status decides.
                        guard (try? await input.write(data)) != nil else { break }
                    }
                } catch {
                    if Task.isCancelled { throw CancellationError() }
                    throw DumpError(.inputFailed, tool: .pgRestore, detail: "\(error)", underlyingError: error)
                }
                try? await input.finish()
                return try await group.next() ?? []
            }
        }
        return ArchiveContents(listing: String(decoding: result.value, as: UTF8.self))
    }

    /// Ignores SIGPIPE for this process once, so a write to a closed pipe returns `EPIPE`.
    static let ignoreSIGPIPE: Void = {
        _ = signal(SIGPIPE, SIG_IGN)
    }()
}
