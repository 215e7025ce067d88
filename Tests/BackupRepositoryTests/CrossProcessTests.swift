import BackupRepository
import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Two real processes on one store: `pgbm-test-tool` writes and holds leases.
@Suite("Store shared by processes", .serialized, .timeLimit(.minutes(2)))
struct CrossProcessTests {
    static let cli = TestServices.executable("pgbm-test-tool")

    @Test("two processes appending 1,000 rows each at once: no busy error, no row lost")
    func concurrentWriters() async throws {
        let fixture = try StoreFixture()
        // Started from here, not from a shell: a shell's `wait` can hang on the signal mask a test
        // runner's thread passes on.
        let writers = try ["one", "two"].map { actor in
            let process = ChildProcess()
            process.executableURL = URL(fileURLWithPath: Self.cli)
            process.arguments = ["store-write", "--data-dir", fixture.dataDirectory, "--rows", "1000", "--actor", actor]
            let errors = fixture.directory.path("\(actor).err")
            _ = FileManager.default.createFile(atPath: errors, contents: nil)
            let output = Pipe()
            process.standardOutput = output
            process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errors))
            try process.run()
            return (process, output, errors)
        }
        for (process, output, errors) in writers {
            let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            let log = try String(contentsOfFile: errors, encoding: .utf8)
            #expect(process.terminationStatus == 0, "\(log)")
            #expect(text == "wrote 1000\n", "\(text)")
            #expect(!log.contains("busy") && !log.contains("locked"), "\(log)")
        }
        let store = try fixture.reopen()
        for actor in ["one", "two"] {
            var count = 0
            var cursor: String?
            repeat {
                let page = try await store.events(AuditFilter(actor: actor), limit: 500, cursor: cursor)
                count += page.items.count
                cursor = page.nextCursor
            } while cursor != nil
            #expect(count == 1000, "\(actor)")
        }
    }

    @Test("one contender wins a lease; after the holder is killed with -9 the other takes over once it expires")
    func leaseTakeover() async throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        // Given a holder process with a 3-second lease
        let holder = ChildProcess()
        holder.executableURL = URL(fileURLWithPath: Self.cli)
        holder.arguments = ["lease-hold", "--data-dir", fixture.dataDirectory, "--name", "backup.database.1",
                            "--holder", "process-a", "--duration", "3", "--seconds", "60"]
        let output = Pipe()
        holder.standardOutput = output
        try holder.run()
        defer { if holder.isRunning { kill(holder.processIdentifier, SIGKILL) } }
        let line = String(decoding: output.fileHandleForReading.availableDataUntilNewline(), as: UTF8.self)
        #expect(line == "acquired")
        // When another contender tries while it lives, and after it is killed
        #expect(try await store.acquireLease("backup.database.1", holder: "process-b", duration: 3, now: Date()) == false)
        kill(holder.processIdentifier, SIGKILL)
        holder.waitUntilExit()
        #expect(try await store.acquireLease("backup.database.1", holder: "process-b", duration: 3, now: Date()) == false)
        // Then it wins once the dead holder's lease has expired
        #expect(try await store.acquireLease("backup.database.1", holder: "process-b", duration: 3, now: Date(timeIntervalSinceNow: 3.5)))
        #expect(try await store.renewLease("backup.database.1", holder: "process-a", duration: 3, now: Date()) == false)
        try await store.releaseLease("backup.database.1", holder: "process-b")
        #expect(try await store.acquireLease("backup.database.1", holder: "process-c", duration: 3, now: Date()))
    }
}

extension FileHandle {
    /// Reads byte by byte up to a newline (or end of file), without the newline.
    func availableDataUntilNewline() -> Data {
        var line = Data()
        while let byte = try? read(upToCount: 1), let first = byte.first, first != UInt8(ascii: "\n") {
            line.append(first)
        }
        return line
    }
}
