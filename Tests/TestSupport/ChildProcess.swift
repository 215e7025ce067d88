public import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A child process started with `posix_spawn`, with the part of Foundation's `Process` interface the
/// tests use.
///
/// The tests do not use Foundation's `Process`: on Linux its `run()` reads `/proc/self/fd` with a
/// 256-byte copy of each `dirent` and crashes now and then with SIGSEGV when the test process holds
/// many descriptors (swift-corelibs-foundation#5472, fixed after Swift 6.3.1). This type closes the
/// child's inherited descriptors with `posix_spawn_file_actions_addclosefrom_np` instead and waits for
/// the child with `waitpid` on a thread of its own.
///
/// Standard streams are a `FileHandle`, a `Pipe` (the parent's copy of the child's end is closed after
/// the start, as `Process` does) or `nil` (inherited).
public final class ChildProcess: @unchecked Sendable {
    public enum TerminationReason: Sendable { case exit, uncaughtSignal }

    public struct SpawnError: Error, CustomStringConvertible {
        public let executable: String
        public let errno: Int32
        public var description: String { "cannot start \(executable): \(String(cString: strerror(errno)))" }
    }

    public var executableURL: URL?
    public var arguments: [String] = []
    /// `nil`: the test process's environment.
    public var environment: [String: String]?
    public var currentDirectoryURL: URL?
    public var standardInput: Any?
    public var standardOutput: Any?
    public var standardError: Any?

    private let condition = NSCondition()
    private var pid: pid_t = 0
    private var exited = false
    private var status: Int32 = 0
    private var signaled = false

    public init() {}

    public var processIdentifier: Int32 { condition.withLock { pid } }

    public var isRunning: Bool { condition.withLock { pid != 0 && !exited } }

    /// The exit code, or the signal number when ``terminationReason`` is `.uncaughtSignal`.
    public var terminationStatus: Int32 {
        condition.withLock {
            precondition(exited, "the process has not exited")
            return status
        }
    }

    public var terminationReason: TerminationReason {
        condition.withLock {
            precondition(exited, "the process has not exited")
            return signaled ? .uncaughtSignal : .exit
        }
    }

    /// Starts the process; throws ``SpawnError`` when it cannot be started.
    public func run() throws {
        guard let executable = executableURL?.path else { preconditionFailure("executableURL is not set") }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }

        let streams = [(standardInput, Int32(0), true), (standardOutput, 1, false), (standardError, 2, false)]
        for (stream, target, isInput) in streams {
            guard let fd = Self.childDescriptor(stream, isInput: isInput) else { continue }
            posix_spawn_file_actions_adddup2(&actions, fd, target)
        }
        guard Self.addCloseFrom(&actions, 3) == 0 else { throw SpawnError(executable: executable, errno: errno) }
        if let directory = currentDirectoryURL?.path {
            guard Self.addChdir(&actions, directory) == 0 else { throw SpawnError(executable: executable, errno: errno) }
        }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var allSignals = sigset_t()
        sigfillset(&allSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let environment = (self.environment ?? ProcessInfo.processInfo.environment).map { strdup("\($0.key)=\($0.value)") }
        let envp = environment + [nil]
        defer {
            for pointer in argv { free(pointer) }
            for pointer in environment { free(pointer) }
        }
        var child: pid_t = 0
        let result = posix_spawn(&child, executable, &actions, &attributes, argv, envp)
        guard result == 0 else { throw SpawnError(executable: executable, errno: result) }
        for (stream, isInput) in [(standardInput, true), (standardOutput, false), (standardError, false)] {
            guard let pipe = stream as? Pipe else { continue }
            try? (isInput ? pipe.fileHandleForReading : pipe.fileHandleForWriting).close()
        }
        let started = child
        condition.withLock { pid = started }
        let waiter = Thread { [self] in reap(started) }
        waiter.name = "ChildProcess.wait \(started)"
        waiter.start()
    }

    /// Blocks until the process has exited.
    public func waitUntilExit() {
        condition.lock()
        defer { condition.unlock() }
        while !exited { condition.wait() }
    }

    /// Sends SIGTERM.
    public func terminate() { signal(SIGTERM) }

    /// Sends `signal` while the process runs.
    public func signal(_ signal: Int32) {
        condition.withLock {
            if pid != 0, !exited { _ = kill(pid, signal) }
        }
    }

    private func reap(_ child: pid_t) {
        var raw: Int32 = 0
        while waitpid(child, &raw, 0) == -1, errno == EINTR {}
        let termination = raw & 0x7f
        condition.withLock {
            if termination == 0 {
                status = (raw >> 8) & 0xff
            } else {
                status = termination
                signaled = true
            }
            exited = true
            condition.broadcast()
        }
    }

    // glibc ≥ 2.34 has both; Swift's Glibc module does not declare these GNU extensions.
    private typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
    private typealias AddChdir = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32
    private static let addCloseFrom: AddCloseFrom = libc("posix_spawn_file_actions_addclosefrom_np")
    private static let addChdir: AddChdir = libc("posix_spawn_file_actions_addchdir_np")

    private static func libc<Function>(_ name: String) -> Function {
        guard let symbol = dlsym(nil, name) else { fatalError("libc has no \(name) (glibc 2.34 or later is needed)") }
        return unsafeBitCast(symbol, to: Function.self)
    }

    private static func childDescriptor(_ stream: Any?, isInput: Bool) -> Int32? {
        switch stream {
        case let handle as FileHandle: handle.fileDescriptor
        case let pipe as Pipe: (isInput ? pipe.fileHandleForReading : pipe.fileHandleForWriting).fileDescriptor
        default: nil
        }
    }
}
