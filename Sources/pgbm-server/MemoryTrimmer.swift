import Foundation
import Logging
import ServiceLifecycle

#if canImport(Glibc)
import CMalloc
import Glibc
#endif

/// Gives memory back to the system after a burst of work. glibc's allocator keeps freed memory in its
/// arenas (one per thread that met contention, up to 8 per core), so the resident size stayed at its
/// peak after a load (issue 18: 53 MB idle, 104 MB after a load and still there). The server therefore
/// caps the arenas at start (``limitArenas(environment:)``) and this service calls `malloc_trim(0)` once
/// the process has been quiet for one period after being busy: a period is busy when the process used
/// at least 1 % of it in CPU time (requests, backups, restores all count), quiet otherwise. An idle
/// server never trims; a busy one trims once per burst, `quietPeriod` to `2 × quietPeriod` after it.
///
/// ```swift
/// MemoryTrimmer.limitArenas(environment: ProcessInfo.processInfo.environment)
/// let trimmer = MemoryTrimmer(quietPeriod: .seconds(10), logger: logger)   // a Service in the group
/// ```
struct MemoryTrimmer: Service {
    /// The length of the quiet period; `.zero` turns trimming off.
    let quietPeriod: Duration
    let logger: Logger

    /// The arenas pgbm-server allows when the environment does not choose (`MALLOC_ARENA_MAX` or
    /// `GLIBC_TUNABLES=glibc.malloc.arena_max=…`, which glibc reads itself).
    static let defaultArenaLimit: Int32 = 2

    /// Caps glibc's malloc arenas at ``defaultArenaLimit`` unless the environment sets a cap; call it
    /// first thing, before threads start. Returns the cap set, or `nil` when the environment's stands.
    @discardableResult
    static func limitArenas(environment: [String: String]) -> Int32? {
        if environment["MALLOC_ARENA_MAX"] != nil || environment["GLIBC_TUNABLES"]?.contains("arena_max") == true {
            return nil
        }
        #if canImport(Glibc)
        _ = mallopt(M_ARENA_MAX, defaultArenaLimit)
        return defaultArenaLimit
        #else
        return nil
        #endif
    }

    func run() async throws {
        guard quietPeriod > .zero else {
            try await gracefulShutdown()
            return
        }
        let threshold = quietPeriod / 100
        var lastCPU = Duration.zero
        var busySinceTrim = false
        while true {
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: quietPeriod) }
            } catch {
                return
            }
            let cpu = Self.processCPUTime()
            defer { lastCPU = cpu }
            if cpu - lastCPU >= threshold {
                busySinceTrim = true
            } else if busySinceTrim {
                busySinceTrim = false
                trim()
            }
        }
    }

    /// Returns the allocator's free memory to the system and logs the resident size before and after.
    func trim() {
        #if canImport(Glibc)
        let before = Self.residentBytes()
        _ = malloc_trim(0)
        let after = Self.residentBytes()
        logger.debug(
            "returned free memory to the system (malloc_trim)",
            metadata: ["pgbm.memory.rss_before_bytes": "\(before)", "pgbm.memory.rss_after_bytes": "\(after)"])
        #endif
    }

    /// CPU time the process used so far (all threads, user and system).
    static func processCPUTime() -> Duration {
        #if canImport(Glibc)
        var time = timespec()
        guard clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time) == 0 else { return .zero }
        return .seconds(time.tv_sec) + .nanoseconds(time.tv_nsec)
        #else
        return .zero
        #endif
    }

    /// The resident set size from `/proc/self/statm` (0 where there is none).
    static func residentBytes() -> Int {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
        let fields = text.split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return 0 }
        #if canImport(Glibc)
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
        #else
        return pages * 4096
        #endif
    }
}
