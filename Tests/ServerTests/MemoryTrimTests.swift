import Foundation
import NIOHTTP1
import TestSupport
import Testing

/// After a burst of requests the server gives freed memory back to the system (issue 18, finding 9):
/// the trim runs once the process is quiet for one period (1 s here) after being busy. The figures
/// (RSS within 10 MiB of idle a minute after a burst) are measured by `Benchmarks/memory.sh`, not here.
@Suite("Memory after bursts", .serialized, .timeLimit(.minutes(1)))
struct MemoryTrimTests {
    static let trimLine = "returned free memory to the system"

    @Test func aBurstOfRequestsIsFollowedByATrim() async throws {
        // Given a server logging at debug with a 1 s quiet period, past its start-up trim
        let server = try ServerProcess(
            arguments: nil, environment: ["PGBM_MEMORY_TRIM_AFTER": "1", "PGBM_LOG_LEVEL": "debug"])
        try server.start()
        defer { server.stop() }
        #expect(try await server.waitUntilHealthy(timeout: .seconds(20)) != nil, "log:\n\(server.log)")
        let before = try await trims(in: server, atLeast: 1)
        // When a burst of requests comes
        let caller = HTTPCaller(baseURL: server.baseURL)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    for _ in 0..<40 { _ = try await caller.call(.GET, "/api/openapi.json", timeout: .seconds(5)) }
                }
            }
            try await group.waitForAll()
        }
        // Then, once it is quiet again, the server trims and logs the resident size before and after
        let after = try await trims(in: server, atLeast: before + 1)
        #expect(after > before, "log:\n\(server.log)")
        let line = server.log.split(separator: "\n").last { $0.contains(Self.trimLine) } ?? ""
        #expect(line.contains("pgbm.memory.rss_before_bytes=") && line.contains("pgbm.memory.rss_after_bytes="), "\(line)")
    }

    /// Waits (at most 20 s) until the log has `count` trim lines; returns how many it has.
    private func trims(in server: ServerProcess, atLeast count: Int) async throws -> Int {
        let deadline = ContinuousClock.now + .seconds(20)
        var seen = 0
        while ContinuousClock.now < deadline {
            seen = server.log.components(separatedBy: Self.trimLine).count - 1
            if seen >= count { return seen }
            try await Task.sleep(for: .milliseconds(100))
        }
        return seen
    }
}
