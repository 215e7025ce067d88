import BackupDump
import Foundation
import PostgresTestSupport
import TestSupport
import Testing

/// `pg_restore --list` fed from an async sequence: early exit, bad input, failing input.
@Suite("pg_restore --list", .enabled(if: TestServer.available, "run Scripts/test"), .timeLimit(.minutes(1)))
struct RestoreRunnerTests {
    let server = TestServer(major: 16)

    @Test("pg_restore reads only the table of contents; the pipe it closes after exit 0 is success")
    func stopsReadingEarly() async throws {
        // Given an archive of a few MB
        let (archive, _) = try await server.withDatabase(rows: 300_000) { database in
            try await DumpRunnerTests.dump(server, database: database)
        }
        #expect(archive.count > 4 << 20)

        // When it is listed from 64 KiB blocks
        let blocks = DataBlocks(data: archive, blockSize: 64 * 1024)
        let contents = try await RestoreRunner().list(blocks, with: try server.postgresTool(.pgRestore))

        // Then the listing is complete and most of the archive was never read
        #expect(contents.containsTableData(schema: "public", name: "items"))
        #expect(blocks.taken.bytes < archive.count / 2)
    }

    @Test("input that is not an archive fails with pg_restore's message")
    func notAnArchive() async throws {
        let blocks = DataBlocks(data: Data(repeating: 0x41, count: 100_000), blockSize: 4096)
        let error = await #expect(throws: DumpError.self) {
            try await RestoreRunner().list(blocks, with: try server.postgresTool(.pgRestore))
        }
        #expect(error?.code == .failed)
        #expect(error?.standardError.contains("does not appear to be a valid archive") == true)
    }

    @Test("an archive from a newer pg_dump is refused by an older pg_restore")
    func tooNewArchive() async throws {
        let (archive, _) = try await server.withDatabase { try await DumpRunnerTests.dump(server, database: $0) }

        let error = await #expect(throws: DumpError.self) {
            try await RestoreRunner().list(
                DataBlocks(data: archive, blockSize: 4096), with: try TestServer(major: 15).postgresTool(.pgRestore))
        }
        #expect(error?.code == .failed)
        #expect(error?.standardError.contains("unsupported version") == true)
    }

    @Test("a failing input sequence fails the run with its error")
    func failingInput() async throws {
        let (archive, _) = try await server.withDatabase { try await DumpRunnerTests.dump(server, database: $0) }

        var blocks = DataBlocks(data: archive, blockSize: 16)
        blocks.failAfter = 2
        let error = await #expect(throws: DumpError.self) {
            try await RestoreRunner().list(blocks, with: try server.postgresTool(.pgRestore))
        }
        #expect(error?.code == .inputFailed)
        #expect(error?.underlyingError is DataBlocks.SourceFailure)
        #expect(error?.description == "reading the input for pg_restore failed: the test source failed on purpose")
    }

    @Test("listing needs pg_restore")
    func wrongTool() async throws {
        let error = await #expect(throws: DumpError.self) {
            try await RestoreRunner().list(
                DataBlocks(data: Data(), blockSize: 1), with: try server.postgresTool(.pgDump))
        }
        #expect(error?.code == .invalidOptions)
    }
}
