import BackupCore
import BackupRepository
import Foundation
import Logging
import TestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

@Suite("Lease holders: taking over a dead process's lease")
struct LeaseHolderTests {
    /// The pid of a process that has exited and been reaped.
    static func deadPID() throws -> Int32 {
        let process = ChildProcess()
        process.executableURL = URL(fileURLWithPath: "/bin/true")
        try process.run()
        process.waitUntilExit()
        return process.processIdentifier
    }

    @Test("only a holder of this host and PID namespace whose process no longer exists counts as gone")
    func goneLocalProcess() throws {
        let mine = LeaseHolder.current(role: "cli")
        #expect(mine.hasPrefix("cli@\(ProcessInfo.processInfo.hostName):\(getpid())"))
        let dead = mine.replacingOccurrences(of: ":\(getpid())", with: ":\(try Self.deadPID())")

        #expect(LeaseHolder.isGoneLocalProcess(dead))
        #expect(!LeaseHolder.isGoneLocalProcess(mine), "this process is alive")
        #expect(LeaseHolder.isGoneLocalProcess(dead.replacingOccurrences(of: "cli@", with: "scheduler@")), "any role")
        #expect(!LeaseHolder.isGoneLocalProcess(dead.replacingOccurrences(of: "@\(ProcessInfo.processInfo.hostName):", with: "@elsewhere:")))
        #expect(!LeaseHolder.isGoneLocalProcess(dead + "0"), "another PID namespace (or none)")
        #expect(!LeaseHolder.isGoneLocalProcess("cli@other:42"))
        #expect(!LeaseHolder.isGoneLocalProcess("process-a"))
    }

    @Test("the store tells an unexpired lease's holder and hands the lease over only from that holder")
    func takeOver() async throws {
        let directory = try TemporaryDirectory()
        let store = try SQLiteStore.open(
            dataDirectory: directory.path("data"), environment: [:], logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() })
        let now = Date()
        #expect(try await store.leaseHolder("backup.database.1", now: now) == nil)
        #expect(try await store.acquireLease("backup.database.1", holder: "a", duration: 60, now: now))
        #expect(try await store.leaseHolder("backup.database.1", now: now) == "a")
        #expect(try await store.takeOverLease("backup.database.1", from: "b", holder: "c", duration: 60, now: now) == false)
        #expect(try await store.takeOverLease("backup.database.1", from: "a", holder: "c", duration: 60, now: now))
        #expect(try await store.leaseHolder("backup.database.1", now: now) == "c")
        #expect(try await store.renewLease("backup.database.1", holder: "a", duration: 60, now: now) == false)
        #expect(try await store.leaseHolder("backup.database.1", now: now.addingTimeInterval(61)) == nil, "expired")
    }
}
