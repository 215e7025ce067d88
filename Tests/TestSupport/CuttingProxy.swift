import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A fault-injecting TCP proxy on 127.0.0.1 in front of `target`: `Fixtures/cutting_proxy.py`, run with
/// `python3`.
///
/// With `cutAfterBytes: N` the first `cuts` connections (`-1`: every connection) forward exactly N
/// bytes in `direction` (`"upstream"` = client to server, `"downstream"` = server to client, `"both"` =
/// the sum) and are then reset on both sides (RST); later connections are relayed untouched. With
/// `refuse: true` every connection is reset as soon as it is accepted. With `flipUpstreamByte: N` the
/// byte at offset N of everything sent upstream (all connections in order) is inverted, once. Without
/// these it is a plain relay.
///
/// The proxy runs until ``stop()`` or `deinit`, and exits by itself if this process dies (its stdin
/// is a pipe held here). Its log (one line per connection event) goes to this process's stderr.
public final class CuttingProxy: Sendable {
    /// The proxy could not be started or did not report its port.
    public struct StartError: Error, CustomStringConvertible {
        public let description: String
    }

    /// The port the proxy listens on (127.0.0.1).
    public let port: Int
    /// `http://127.0.0.1:<port>`.
    public var endpoint: String { "http://127.0.0.1:\(port)" }

    /// The path of the Python script.
    public static let scriptPath: String = TestServices.repositoryRoot
        .appendingPathComponent("Tests/TestSupport/Fixtures/cutting_proxy.py").path

    /// The running child and the write end of its stdin pipe; `nil` once stopped. `Process` is not
    /// `Sendable` on every platform, so it lives behind the mutex and is only used once taken out of it.
    private let child: Mutex<Child?>

    private struct Child {
        let process: ChildProcess
        let stdin: FileHandle
    }

    /// Starts the proxy and waits (at most 10 s) for it to report its port.
    /// - Parameter target: `host:port` to forward to.
    /// - Throws: ``StartError`` if `python3` cannot be started, exits early, or prints no port in time.
    public init(
        target: String, cutAfterBytes: Int? = nil, cuts: Int = 1, direction: String = "both", refuse: Bool = false,
        flipUpstreamByte: Int? = nil
    ) throws {
        var arguments = [
            "python3", Self.scriptPath, "--target", target, "--cuts", String(cuts), "--direction", direction,
            "--exit-on-stdin-eof",
        ]
        if let cutAfterBytes { arguments += ["--cut-after-bytes", String(cutAfterBytes)] }
        if refuse { arguments.append("--refuse") }
        if let flipUpstreamByte { arguments += ["--flip-upstream-byte", String(flipUpstreamByte)] }

        let process = ChildProcess()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let stdinPipe = Pipe()
        let stdoutPipe = Pipe()
        process.standardInput = stdinPipe
        process.standardOutput = stdoutPipe
        process.standardError = FileHandle.standardError
        do {
            try process.run()
        } catch {
            throw StartError(description: "cannot start `python3 \(Self.scriptPath)`: \(error)")
        }
        let started = Child(process: process, stdin: stdinPipe.fileHandleForWriting)

        // Read the `PORT <n>` line on another thread so the wait can time out.
        let line = FirstLine(stdoutPipe.fileHandleForReading)
        let done = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            line.collect()
            done.signal()
        }
        guard done.wait(timeout: .now() + 10) == .success else {
            Self.shutdown(started)
            throw StartError(description: "cutting_proxy.py printed no `PORT <n>` line within 10 s (target \(target))")
        }
        let text = line.text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.hasPrefix("PORT "), let port = Int(text.dropFirst("PORT ".count)), port > 0 else {
            Self.shutdown(started)
            throw StartError(
                description: "cutting_proxy.py did not report its port (stdout: \(text.debugDescription); "
                    + "exit status \(started.process.terminationStatus); its stderr is in the test log)")
        }
        self.port = port
        self.child = Mutex(started)
    }

    /// Stops the proxy (SIGTERM, then waits for it to exit). Idempotent; also called from `deinit`.
    public func stop() {
        guard let child = child.withLock({ $0.take() }) else { return }
        Self.shutdown(child)
    }

    deinit { stop() }

    private static func shutdown(_ child: Child) {
        let process = child.process
        if process.isRunning { process.terminate() }
        let deadline = Date().addingTimeInterval(5)
        while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        try? child.stdin.close()
    }
}

/// The first line a child writes to a pipe, collected on a background thread.
private final class FirstLine: Sendable {
    /// `FileHandle` is not `Sendable` on every platform; only the one reading thread uses it.
    private struct Handle: @unchecked Sendable { let fileHandle: FileHandle }

    private let handle: Handle
    private let storage = Mutex(Data())

    init(_ fileHandle: FileHandle) { handle = Handle(fileHandle: fileHandle) }

    var text: String { storage.withLock { String(decoding: $0, as: UTF8.self) } }

    /// Reads until a newline or end of file (the proxy writes nothing else to stdout). Uses read(2):
    /// `FileHandle.read(upToCount:)` waits for the full count or end of file.
    func collect() {
        let fd = handle.fileHandle.fileDescriptor
        var buffer = [UInt8](repeating: 0, count: 256)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { return }
            let complete = storage.withLock { data in
                data.append(contentsOf: buffer[..<count])
                return data.contains(UInt8(ascii: "\n"))
            }
            if complete { return }
        }
    }
}
