import Foundation
import NIOHTTP1
import TestSupport

#if canImport(Glibc)
import Glibc
#endif

/// A `pgbm-server` process whose output goes to a log file in its own temporary folder. The
/// environment is the test's without any `PGBM_` variable, plus `environment`.
final class ServerProcess {
    let directory: TemporaryDirectory
    let host: String
    let port: Int
    let process = ChildProcess()
    var logPath: String { directory.path("server.log") }
    var baseURL: String { "http://\(host):\(port)" }

    /// - Parameters:
    ///   - arguments: The command line; `nil`: fresh data and backup folders in the temporary folder
    ///     and `--port port`.
    ///   - host: Where the server is expected to listen.
    ///   - port: The port it is expected to listen on; `nil` picks a free one.
    ///   - currentDirectory: `nil`: the temporary folder.
    ///   - descriptorLimit: Started through `sh -c 'ulimit -n N; exec …'` with at most this many open files.
    init(
        arguments: [String]? = nil, environment: [String: String] = [:], host: String = "127.0.0.1", port: Int? = nil,
        directory: TemporaryDirectory? = nil, descriptorLimit: Int? = nil
    ) throws {
        let directory = try directory ?? TemporaryDirectory()
        self.directory = directory
        self.host = host
        self.port = try port ?? FreePort.next()
        let server = TestServices.executable("pgbm-server")
        let serverArguments =
            arguments ?? [
                "--data-dir", directory.path("data"), "--backup-dir", directory.path("backups"), "--port", String(self.port),
            ]
        if let descriptorLimit {
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", "ulimit -n \(descriptorLimit) && exec \"$0\" \"$@\"", server] + serverArguments
        } else {
            process.executableURL = URL(fileURLWithPath: server)
            process.arguments = serverArguments
        }
        process.environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("PGBM_") }
            .merging(environment) { $1 }
        process.currentDirectoryURL = directory.url
        _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        process.standardOutput = log
        process.standardError = log
    }

    func start() throws { try process.run() }

    /// The server's output so far.
    var log: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }

    /// Polls `GET /api/health` until it answers 200; returns the body, or `nil` after `timeout` or if
    /// the process ended.
    func waitUntilHealthy(timeout: Duration) async throws -> String? {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline, process.isRunning {
            if let body = try? await get("/api/health", status: 200) { return body }
            try await Task.sleep(for: .milliseconds(100))
        }
        return nil
    }

    /// The body of `GET path` (anonymous, at most 2 s) if the status is `status`.
    func get(_ path: String, status: Int) async throws -> String? {
        let reply = try await HTTPCaller(baseURL: baseURL).call(.GET, path, timeout: .seconds(2))
        return reply.status == status ? reply.text : nil
    }

    /// Waits up to `timeout` for the process to end by itself; returns its exit code, or `nil` if it still runs.
    func waitForExit(timeout: Duration) async throws -> Int32? {
        let deadline = ContinuousClock.now + timeout
        while process.isRunning, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(50))
        }
        if process.isRunning { return nil }
        return process.terminationReason == .exit ? process.terminationStatus : -process.terminationStatus
    }

    /// Sends SIGTERM and waits up to `timeout` for the exit; returns the exit code (negative: the
    /// signal that ended it), or `nil` if it still ran (it is then killed).
    func terminate(timeout: Duration) async throws -> Int32? {
        kill(process.processIdentifier, SIGTERM)
        let status = try await waitForExit(timeout: timeout)
        if status == nil { stop() }
        return status
    }

    /// Kills the process if it still runs.
    func stop() {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    deinit { stop() }
}
