import Foundation
import Testing
import TestSupport

#if canImport(Glibc)
import Glibc
#endif

/// The tests' own process starter (Foundation's `Process.run()` crashes now and then on Swift 6.3.1).
@Suite("ChildProcess: the tests' process starter")
struct ChildProcessTests {
    @Test("a child inherits only its three standard streams, even while the test holds many descriptors")
    func onlyStandardStreams() throws {
        let held = (0..<300).map { _ in open("/dev/null", O_RDONLY) }
        defer { for fd in held { close(fd) } }
        let output = Pipe()
        let process = ChildProcess()
        process.executableURL = URL(fileURLWithPath: "/bin/ls")
        process.arguments = ["/proc/self/fd"]
        process.standardOutput = output
        try process.run()
        let listed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationReason == .exit && process.terminationStatus == 0)
        // ls itself holds one descriptor open for the folder it lists.
        #expect(listed.split(separator: "\n").count == 4, "\(listed)")
    }

    @Test("exit codes, signals, the folder and the environment reach the caller")
    func statusAndSetup() throws {
        let folder = try TemporaryDirectory()
        let output = Pipe()
        let process = ChildProcess()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "pwd; echo $PGBM_CHILD_CANARY; exit 7"]
        process.environment = ["PGBM_CHILD_CANARY": "seen"]
        process.currentDirectoryURL = folder.url
        process.standardOutput = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(text == "\(folder.url.resolvingSymlinksInPath().path)\nseen\n")
        #expect(process.terminationReason == .exit && process.terminationStatus == 7)

        let sleeper = ChildProcess()
        sleeper.executableURL = URL(fileURLWithPath: "/bin/sleep")
        sleeper.arguments = ["30"]
        try sleeper.run()
        #expect(sleeper.isRunning)
        sleeper.terminate()
        sleeper.waitUntilExit()
        #expect(!sleeper.isRunning)
        #expect(sleeper.terminationReason == .uncaughtSignal && sleeper.terminationStatus == SIGTERM)
    }

    @Test("a missing program is an error naming it, not a crash")
    func missingProgram() {
        let process = ChildProcess()
        process.executableURL = URL(fileURLWithPath: "/nonexistent/pgbm-no-such-tool")
        #expect(throws: ChildProcess.SpawnError.self) { try process.run() }
    }
}
