public import Foundation

/// Runs a child process to completion with stdin from bytes and stdout/stderr captured.
///
/// Standard streams go through temporary files, so large outputs never deadlock a pipe.
public enum ProcessRunner {
    public struct Result: Sendable {
        public let status: Int32
        public let stdout: Data
        public let stderr: Data
        public var stderrText: String { String(decoding: stderr, as: UTF8.self) }
        public var stdoutText: String { String(decoding: stdout, as: UTF8.self) }
    }

    /// Runs `executable` with `arguments`; `environment` entries are added to the current environment
    /// (a `nil` value removes a variable).
    public static func run(
        _ executable: String,
        _ arguments: [String],
        environment: [String: String?] = [:],
        stdin: Data = Data(),
        currentDirectory: URL? = nil
    ) throws -> Result {
        let scratch = try TemporaryDirectory()
        let inURL = scratch.url.appendingPathComponent("stdin")
        let outURL = scratch.url.appendingPathComponent("stdout")
        let errURL = scratch.url.appendingPathComponent("stderr")
        try stdin.write(to: inURL)
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)

        let process = ChildProcess()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = merged(environment)
        if let currentDirectory { process.currentDirectoryURL = currentDirectory }
        process.standardInput = try FileHandle(forReadingFrom: inURL)
        process.standardOutput = try FileHandle(forWritingTo: outURL)
        process.standardError = try FileHandle(forWritingTo: errURL)
        try process.run()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus,
            stdout: try Data(contentsOf: outURL),
            stderr: try Data(contentsOf: errURL))
    }

    /// Runs a shell pipeline with `/bin/sh -c`.
    public static func shell(_ script: String, environment: [String: String?] = [:], currentDirectory: URL? = nil) throws -> Result {
        try run("/bin/sh", ["-c", script], environment: environment, currentDirectory: currentDirectory)
    }

    public static func merged(_ environment: [String: String?]) -> [String: String] {
        var result = ProcessInfo.processInfo.environment
        for (key, value) in environment { result[key] = value }
        return result
    }
}
