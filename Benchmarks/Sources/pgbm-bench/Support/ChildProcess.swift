import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Runs a benchmark child process pinned to CPU 0 and reports its wall time, CPU time and peak RSS.
///
/// Peak RSS is the child's `VmHWM`, sampled every 2 ms until it exits: `ru_maxrss` cannot be used,
/// because a child started with `posix_spawn` inherits the parent's high-water mark across `exec`.
/// User and system CPU time come from `wait4`'s resource usage of the child (its own children included
/// only once they were waited for).
enum ChildProcess {
    struct Measurement {
        let seconds: Double
        let peakRSSKiB: Int
        var userSeconds = 0.0
        var systemSeconds = 0.0

        /// User plus system CPU time.
        var cpuSeconds: Double { userSeconds + systemSeconds }

        /// The heading of the table ``row(_:bytes:)`` writes.
        static let tableHeader = "tool                      seconds      MB/s   peak RSS    user s  system s"

        /// One benchmark table row: name, seconds, MB/s for `bytes`, peak RSS, user and system CPU seconds.
        func row(_ name: String, bytes: Double) -> String {
            name.padding(toLength: 22, withPad: " ", startingAt: 0)
                + String(format: "%11.3f %9.0f %7.1f MiB %9.3f %9.3f", seconds, bytes / 1e6 / seconds, Double(peakRSSKiB) / 1024,
                         userSeconds, systemSeconds)
        }
    }

    static let taskset = ["/usr/bin/taskset", "/bin/taskset"].first { FileManager.default.isExecutableFile(atPath: $0) }
    static var pinning: String { taskset == nil ? "no core (taskset not found)" : "CPU 0" }

    static var currentExecutable: String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }

    /// The `pgbm-cli` built next to this executable (`swift build --product pgbm-cli` of the same configuration).
    static var pgbmCLI: String {
        URL(fileURLWithPath: currentExecutable).deletingLastPathComponent().appendingPathComponent("pgbm-cli").path
    }

    /// Runs `arguments` (the first is looked up in PATH) with `environment` added, standard output to
    /// `output` and standard error to /dev/null.
    @discardableResult
    static func measure(_ arguments: [String], environment: [String: String], output: String = "/dev/null") throws -> Measurement {
        let argv = (taskset.map { [$0, "-c", "0"] } ?? []) + arguments
        var env = ProcessInfo.processInfo.environment
        env.merge(environment) { $1 }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let start = ContinuousClock.now
        var pid: pid_t = 0
        let status = withCStrings(argv) { cArgv in
            withCStrings(env.map { "\($0.key)=\($0.value)" }) { cEnv in
                posix_spawnp(&pid, argv[0], &actions, nil, cArgv, cEnv)
            }
        }
        guard status == 0 else { throw BenchError(message: "cannot start \(arguments[0]): error \(status)") }
        var peak = 0
        var exitStatus: Int32 = 0
        var usage = rusage()
        while wait4(pid, &exitStatus, WNOHANG, &usage) == 0 {
            peak = max(peak, highWaterMark(pid))
            usleep(2000)
        }
        let seconds = (ContinuousClock.now - start).seconds
        guard exitStatus == 0 else {
            throw BenchError(message: "\(arguments.prefix(2).joined(separator: " ")) failed (status \(exitStatus))")
        }
        func cpu(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
        return Measurement(seconds: seconds, peakRSSKiB: peak, userSeconds: cpu(usage.ru_utime), systemSeconds: cpu(usage.ru_stime))
    }

    /// The `VmHWM` line of /proc/PID/status, in KiB (0 when unreadable).
    static func highWaterMark(_ pid: pid_t) -> Int {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") })
        else { return 0 }
        return Int(line.split(separator: " ", omittingEmptySubsequences: true)[1]) ?? 0
    }

    private static func withCStrings<T>(_ strings: [String], _ body: ([UnsafeMutablePointer<CChar>?]) -> T) -> T {
        let pointers = strings.map { strdup($0) } + [nil]
        defer { pointers.forEach { free($0) } }
        return body(pointers)
    }
}
