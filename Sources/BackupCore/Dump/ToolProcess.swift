import Foundation
import Logging
import Subprocess
import SystemPackage

/// Runs one client program with its standard output streamed to a closure, its stderr tail kept, a
/// maximum run time enforced, and cancellation turned into SIGTERM, then SIGKILL after the grace.
///
/// The program runs in its own session, so the signals reach the whole process group (`pg_dump -j`
/// workers included). It is always reaped before ``run(_:)`` returns.
struct ToolProcess: Sendable {
    let tool: PostgresTool
    let arguments: [String]
    let environment: [String: String]
    let limits: RunLimits
    /// Set when `pg_dump` got `--lock-wait-timeout`, so a lock timeout is reported as such.
    let lockWaitTimeout: Duration?
    let redact: @Sendable (String) -> String
    let logger: Logger?

    /// Starts the program and hands its output and input to `body`, which must read the output to its end.
    ///
    /// `body` may throw a ``DumpError`` itself; any other error becomes ``DumpError/Code/consumerFailed``.
    func run<T: Sendable>(
        _ body: (DumpOutput, StandardInputWriter) async throws -> T
    ) async throws(DumpError) -> DumpResult<T> {
        let teardown: [TeardownStep] = [
            .gracefulShutDown(toProcessGroup: true, allowedDurationToNextStep: limits.terminationGrace)
        ]
        var platform = PlatformOptions()
        platform.createSession = true
        platform.teardownSequence = teardown
        let tail = StderrTail()
        let state = RunState()
        let maxRunTime = limits.maxRunTime
        let started = ContinuousClock.now
        var processID: Int32 = 0

        logger?.debug(
            "Starting PostgreSQL client program",
            metadata: ["pgbm.tool": "\(tool.kind.rawValue)", "pgbm.tool.path": "\(tool.path)"])

        let outcome: ExecutionResult<T, SequenceOutput, SequenceOutput>
        do {
            outcome = try await Subprocess.run(
                .path(FilePath(tool.path)), arguments: Arguments(arguments), environment: .custom(environmentKeys),
                platformOptions: platform, input: .inputWriter, output: .sequence, error: .sequence
            ) { execution in
                processID = execution.processIdentifier.value
                return try await withThrowingTaskGroup(of: Bool.self, returning: T.self) { group in
                    group.addTask {
                        for try await block in execution.standardError { block.withUnsafeBytes { tail.append($0) } }
                        return true
                    }
                    if let maxRunTime {
                        group.addTask {
                            do { try await Task.sleep(for: maxRunTime) } catch { return false }
                            state.markTimedOut()
                            await execution.teardown(using: teardown)
                            return false
                        }
                    }
                    let output = DumpOutput(
                        source: execution.standardOutput, processID: execution.processIdentifier.value, state: state)
                    let value: T
                    do {
                        value = try await body(output, execution.standardInputWriter)
                    } catch {
                        await execution.teardown(using: teardown)
                        throw error
                    }
                    try? await execution.standardInputWriter.finish()
                    guard state.reachedEnd else {
                        await execution.teardown(using: teardown)
                        throw DumpError(.outputNotConsumed, tool: tool.kind)
                    }
                    // stderr ends when the program exits; then the watchdog is no longer needed.
                    while let stderrEnded = try await group.next() {
                        if stderrEnded { group.cancelAll() }
                    }
                    return value
                }
            }
        } catch {
            let failure = failure(for: error, timedOut: state.timedOut, tail: tail)
            logger?.debug("PostgreSQL client program failed", metadata: metadata(pid: processID, error: failure))
            throw failure
        }

        let duration = ContinuousClock.now - started
        let status = outcome.terminationStatus
        let stderr = tail.text(redact: redact)
        if !status.isSuccess {
            let failure: DumpError
            if state.timedOut, let maxRunTime {
                failure = DumpError(.maxRunTimeExceeded, tool: tool.kind, detail: maxRunTime.shortDescription)
            } else if Task.isCancelled {
                failure = DumpError(.cancelled, tool: tool.kind, exitStatus: Self.describe(status))
            } else if let lockWaitTimeout, Self.isLockTimeout(stderr) {
                failure = DumpError(
                    .lockTimeout, tool: tool.kind, detail: lockWaitTimeout.shortDescription, standardError: stderr,
                    exitStatus: Self.describe(status))
            } else {
                failure = DumpError(.failed, tool: tool.kind, standardError: stderr, exitStatus: Self.describe(status))
            }
            logger?.debug("PostgreSQL client program failed", metadata: metadata(pid: processID, error: failure))
            throw failure
        }
        logger?.debug(
            "PostgreSQL client program finished",
            metadata: [
                "pgbm.tool": "\(tool.kind.rawValue)", "pgbm.tool.pid": "\(processID)",
                "pgbm.tool.bytes": "\(state.byteCount)", "pgbm.tool.duration": "\(duration)",
            ])
        return DumpResult(
            value: outcome.closureResult, byteCount: state.byteCount, duration: duration, warnings: stderr)
    }

    private var environmentKeys: [Subprocess.Environment.Key: String] {
        var keys: [Subprocess.Environment.Key: String] = [:]
        for (name, value) in environment {
            if let key = Subprocess.Environment.Key(rawValue: name) { keys[key] = value }
        }
        return keys
    }

    /// The ``DumpError`` for an error thrown out of the run.
    private func failure(for error: any Error, timedOut: Bool, tail: StderrTail) -> DumpError {
        let stderr = tail.text(redact: redact)
        if timedOut, let maxRunTime = limits.maxRunTime {
            return DumpError(.maxRunTimeExceeded, tool: tool.kind, detail: maxRunTime.shortDescription)
        }
        // A run's own error passes; a connection or tool-search error the consumer threw is the consumer's.
        if let error = error as? DumpError, error.connection == nil, error.requirement == nil { return error }
        if Task.isCancelled || error is CancellationError { return DumpError(.cancelled, tool: tool.kind) }
        if let error = error as? SubprocessError {
            if error.code == .spawnFailed || error.code == .executableNotFound {
                return DumpError(.launchFailed, tool: tool.kind, detail: "\(tool.path): \(redact("\(error)"))")
            }
            return DumpError(.failed, tool: tool.kind, detail: redact("\(error)"), standardError: stderr)
        }
        return DumpError(.consumerFailed, tool: tool.kind, detail: redact("\(error)"), underlyingError: error)
    }

    private func metadata(pid: Int32, error: DumpError) -> Logger.Metadata {
        ["pgbm.tool": "\(tool.kind.rawValue)", "pgbm.tool.pid": "\(pid)", "pgbm.error": "\(error)"]
    }

    /// Whether `pg_dump` gave up on a lock: it sets `statement_timeout` around its `LOCK TABLE` (the
    /// server then says "canceling statement due to statement timeout"); `lock_timeout` says "lock timeout".
    static func isLockTimeout(_ stderr: String) -> Bool {
        stderr.contains("due to lock timeout")
            || (stderr.contains("due to statement timeout") && stderr.contains("LOCK TABLE"))
    }

    /// `exit status 1`, `killed by signal 15`.
    static func describe(_ status: TerminationStatus) -> String {
        switch status {
        case .exited(let code): "exit status \(code)"
        case .signaled(let signal): "killed by signal \(signal)"
        }
    }
}
