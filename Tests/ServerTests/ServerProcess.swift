import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import TestSupport

#if canImport(Glibc)
import Glibc
#endif

/// A `pgbm-server` process on a free port with its own data and backup folders; its output goes to a
/// log file in the same temporary folder.
final class ServerProcess {
    let directory: TemporaryDirectory
    let port: Int
    let process = Process()
    var logPath: String { directory.path("server.log") }
    var baseURL: String { "http://127.0.0.1:\(port)" }

    init() throws {
        directory = try TemporaryDirectory()
        port = try FreePort.next()
        process.executableURL = URL(fileURLWithPath: TestServices.executable("pgbm-server"))
        process.arguments = [
            "--data-dir", directory.path("data"), "--backup-dir", directory.path("backups"),
            "--host", "127.0.0.1", "--port", String(port), "--log-level", "info",
        ]
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("PGBM_") }
        environment["PGBM_TEST_SERVER"] = "1"
        process.environment = environment
        _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        process.standardOutput = log
        process.standardError = log
    }

    func start() throws { try process.run() }

    /// The server's output so far.
    var log: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }

    /// Polls `GET /api/health` until it answers 200; returns the body, or `nil` after `timeout`.
    func waitUntilHealthy(timeout: Duration) async throws -> String? {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline, process.isRunning {
            if let body = try? await get("/api/health", status: 200) { return body }
            try await Task.sleep(for: .milliseconds(100))
        }
        return nil
    }

    /// The body of `GET path` if the status is `status`.
    func get(_ path: String, status: UInt) async throws -> String? {
        let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: baseURL + path), timeout: .seconds(2))
        let body = try await response.body.collect(upTo: 1 << 20)
        return response.status.code == status ? String(buffer: body) : nil
    }

    /// Sends SIGTERM and waits up to `timeout` for the exit; returns the exit code, or `nil` if it is
    /// still running (it is then killed).
    func terminate(timeout: Duration) async throws -> Int32? {
        kill(process.processIdentifier, SIGTERM)
        let deadline = ContinuousClock.now + timeout
        while process.isRunning, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(50))
        }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            return nil
        }
        return process.terminationReason == .exit ? process.terminationStatus : -process.terminationStatus
    }

    deinit {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }
}
