import BackupDump
import Foundation
import Synchronization
import PostgresTestSupport
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Stopping a dump: cancellation, the lock-wait timeout, the maximum run time, SIGKILL after the grace,
/// and consumers that fail or stop early. Every stopped program must be gone (reaped, no zombie).
@Suite("Stopping dumps", .enabled(if: TestServer.available, "run Scripts/test"), .timeLimit(.minutes(1)))
struct DumpStopTests {
    let server = TestServer(major: 16)

    /// Whether no process (not even a zombie) has this id any more.
    static func isGone(_ pid: Int32) -> Bool {
        kill(pid, 0) == -1 && errno == ESRCH && !FileManager.default.fileExists(atPath: "/proc/\(pid)")
    }

    /// The id of the program a run started, set from inside the consumer.
    final class ProcessBox: Sendable {
        let pid = Atomic<Int32>(0)
        func waitForStart() async throws -> Int32 {
            while pid.load(ordering: .acquiring) == 0 { try await Task.sleep(for: .milliseconds(10)) }
            return pid.load(ordering: .acquiring)
        }
    }

    /// Starts a dump of `database` in a task; its consumer records the pid and reads everything.
    func startDump(
        database: String, options: DumpOptions = DumpOptions(), box: ProcessBox
    ) throws -> Task<DumpResult<Int>, any Error> {
        let runner = DumpRunner(connection: try server.settings(database: database))
        let tool = try server.postgresTool(.pgDump)
        return Task {
            try await runner.dump(with: tool, options: options) { output in
                box.pid.store(output.processID, ordering: .releasing)
                var bytes = 0
                for try await block in output { bytes += block.count }
                return bytes
            }
        }
    }

    @Test("cancelling the task while pg_dump waits for a lock stops and reaps it")
    func cancelWhileBlocked() async throws {
        try await server.withDatabase { database in
            try await TableLock.holding(server: server, database: database, table: "public.items") {
                // Given pg_dump waiting (without a lock-wait timeout) for a table another session has locked
                let box = ProcessBox()
                let task = try startDump(database: database, box: box)
                let pid = try await box.waitForStart()
                try await waitUntilWaitingForLock(database: database)

                // When
                let clock = ContinuousClock()
                let cancelled = clock.now
                task.cancel()

                // Then
                let error = await #expect(throws: DumpError.self) { try await task.value }
                #expect(error?.code == .cancelled)
                #expect(error?.description == "pg_dump was cancelled")
                #expect(clock.now - cancelled < .seconds(60), "ended without waiting for the dump (generous: CI may be loaded)")
                #expect(Self.isGone(pid))
            }
        }
    }

    @Test("cancelling mid-stream, while the consumer is busy, stops and reaps pg_dump")
    func cancelMidStream() async throws {
        try await server.withDatabase(rows: 200_000) { database in
            try await cancelMidStream(database: database)
        }
    }

    func cancelMidStream(database: String) async throws {
        // Given a dump (several MB) whose consumer stalls after the first block
        let runner = DumpRunner(connection: try server.settings(database: database))
        let tool = try server.postgresTool(.pgDump)
        let box = ProcessBox()
        let task = Task {
            try await runner.dump(with: tool) { output in
                for try await _ in output {
                    box.pid.store(output.processID, ordering: .releasing)
                    try await Task.sleep(for: .seconds(60))
                }
                return 0
            }
        }
        let pid = try await box.waitForStart()

        // When
        task.cancel()

        // Then
        let error = await #expect(throws: DumpError.self) { try await task.value }
        #expect(error?.code == .cancelled)
        #expect(Self.isGone(pid))
    }

    @Test("a small lock-wait timeout with the table locked fails with a lock-timeout error")
    func lockTimeout() async throws {
        let box = ProcessBox()
        let error = try await server.withDatabase { database in
            try await TableLock.holding(server: server, database: database, table: "public.items") {
                let options = DumpOptions(lockWaitTimeout: .milliseconds(200))
                let task = try startDump(database: database, options: options, box: box)
                return await #expect(throws: DumpError.self) { try await task.value }
            }
        }

        #expect(error?.code == .lockTimeout)
        #expect(
            error?.description.hasPrefix("pg_dump could not lock a table within the lock wait timeout of 200 ms")
                == true)
        // pg_dump implements the timeout with statement_timeout around LOCK TABLE
        #expect(error?.standardError.contains("canceling statement due to statement timeout") == true)
        #expect(error?.standardError.contains("LOCK TABLE") == true)
        #expect(Self.isGone(box.pid.load(ordering: .acquiring)))
    }

    @Test("past the maximum run time the dump is stopped and says so")
    func maximumRunTime() async throws {
        let clock = ContinuousClock()
        let box = ProcessBox()
        let (error, waited) = try await server.withDatabase { database in
            try await TableLock.holding(server: server, database: database, table: "public.items") {
                let started = clock.now
                let options = DumpOptions(limits: RunLimits(maxRunTime: .seconds(1)))
                let task = try startDump(database: database, options: options, box: box)
                return (await #expect(throws: DumpError.self) { try await task.value }, clock.now - started)
            }
        }

        #expect(error?.code == .maxRunTimeExceeded)
        #expect(error?.description == "pg_dump exceeded the maximum run time of 1 s")
        #expect(waited >= .seconds(1) && waited < .seconds(60), "not before the limit, and not held until the lock ends")
        #expect(Self.isGone(box.pid.load(ordering: .acquiring)))
    }

    @Test("a program that ignores SIGTERM is killed after the grace, with its children")
    func killAfterGrace() async throws {
        // Given a stand-in "pg_dump" that ignores SIGTERM (and so do the sleeps it starts)
        let folder = try TemporaryDirectory()
        let script = folder.path("pg_dump")
        try "#!/bin/sh\ntrap '' TERM\nwhile :; do sleep 0.1; done\n".write(
            toFile: script, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script)
        let tool = PostgresTool(kind: .pgDump, path: script, version: PostgresVersion(major: 16), origin: .configured)
        let runner = DumpRunner(connection: try server.settings())
        let box = ProcessBox()
        let options = DumpOptions(limits: RunLimits(terminationGrace: .milliseconds(500)))
        let task = Task {
            try await runner.dump(with: tool, options: options) { output in
                box.pid.store(output.processID, ordering: .releasing)
                for try await _ in output {}
                return 0
            }
        }
        let pid = try await box.waitForStart()
        try await Task.sleep(for: .milliseconds(200))

        // When
        let clock = ContinuousClock()
        let cancelled = clock.now
        task.cancel()

        // Then
        let error = await #expect(throws: DumpError.self) { try await task.value }
        #expect(error?.code == .cancelled)
        let waited = clock.now - cancelled
        #expect(waited >= .milliseconds(450) && waited < .seconds(60), "after the grace, and not forever")
        #expect(Self.isGone(pid))
        // The script's sleeps were in its process group; killed ones may stay zombies until PID 1 reaps them.
        // SIGKILL reaches them asynchronously, so give the kernel a moment.
        var left = try Self.liveGroupMembers(pid)
        for _ in 0..<50 where !left.isEmpty {
            try await Task.sleep(for: .milliseconds(20))
            left = try Self.liveGroupMembers(pid)
        }
        #expect(left.isEmpty, "\(left)")
    }

    /// Processes of group `pgid` that are not zombies.
    static func liveGroupMembers(_ pgid: Int32) throws -> [String] {
        try ProcessRunner.run("/bin/ps", ["-eo", "pgid=,stat=,args="]).stdoutText.split(separator: "\n").filter {
            let fields = $0.split(separator: " ", omittingEmptySubsequences: true)
            return fields.count >= 2 && fields[0] == "\(pgid)" && !fields[1].hasPrefix("Z")
        }.map(String.init)
    }

    @Test("a consumer that throws stops pg_dump and its error is kept")
    func consumerThrows() async throws {
        let box = ProcessBox()
        let error = try await server.withDatabase(rows: 40_000) { database in
            let runner = DumpRunner(connection: try server.settings(database: database))
            return await #expect(throws: DumpError.self) {
                try await runner.dump(with: try server.postgresTool(.pgDump)) { output -> Int in
                    box.pid.store(output.processID, ordering: .releasing)
                    for try await _ in output { throw DiskFull() }
                    return 0
                }
            }
        }

        #expect(error?.code == .consumerFailed)
        #expect(error?.underlyingError is DiskFull)
        #expect(error?.description == "processing pg_dump's output failed: disk full")
        #expect(Self.isGone(box.pid.load(ordering: .acquiring)))
    }

    @Test("a consumer that returns early fails the run instead of leaving a truncated dump")
    func consumerStopsEarly() async throws {
        let error = try await server.withDatabase(rows: 40_000) { database in
            let runner = DumpRunner(connection: try server.settings(database: database))
            return await #expect(throws: DumpError.self) {
                try await runner.dump(with: try server.postgresTool(.pgDump)) { output in
                    for try await _ in output { break }
                    return 0
                }
            }
        }
        #expect(error?.code == .outputNotConsumed)
    }

    @Test("options pg_dump would refuse, and the wrong tool, fail before anything runs")
    func invalidOptions() async throws {
        let runner = DumpRunner(connection: try server.settings())
        let gzip = await #expect(throws: DumpError.self) {
            try await runner.dump(
                with: try server.postgresTool(.pgDump), options: DumpOptions(compression: .gzip(level: 12))
            ) { _ in 0 }
        }
        #expect(gzip?.description == "invalid pg_dump options: gzip level 12 is not within 1 … 9")
        let wrongTool = await #expect(throws: DumpError.self) {
            try await runner.dump(with: try server.postgresTool(.pgRestore)) { _ in 0 }
        }
        #expect(wrongTool?.code == .invalidOptions)
    }

    struct DiskFull: Error, CustomStringConvertible {
        var description: String { "disk full" }
    }

    /// Waits until a `pgbm` session in `database` waits for a lock.
    func waitUntilWaitingForLock(database: String) async throws {
        for _ in 0..<200 {
            let waiting = try await server.psql(
                """
                SELECT count(*) FROM pg_stat_activity
                WHERE datname = '\(database)' AND application_name = 'pgbm' AND wait_event_type = 'Lock'
                """)
            if waiting == "1" { return }
            try await Task.sleep(for: .milliseconds(25))
        }
        Issue.record("pg_dump never waited for the lock")
    }
}
