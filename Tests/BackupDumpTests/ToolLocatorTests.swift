import BackupDump
import Foundation
import PostgresTestSupport
import TestSupport
import Testing

/// Discovery and version choice, with the real PostgreSQL 15 and 16 client programs.
@Suite("Tool discovery", .enabled(if: TestServer.available, "run Scripts/test"), .timeLimit(.minutes(1)))
struct ToolLocatorTests {
    let pg15 = TestServer(major: 15)
    let pg16 = TestServer(major: 16)

    @Test("only PostgreSQL 15 tools and a server of major 16: the error names both and the way out")
    func tooOldForServer() async throws {
        // Given only the PostgreSQL 15 folder, configured
        let locator = ToolLocator(configuredPaths: [.pgDump: [try pg15.binDirectory]], debianRoot: nil, searchPath: [])

        // When pg_dump for a PostgreSQL 16 server is asked for
        let error = await #expect(throws: DumpError.self) { try await locator.tool(.pgDump, forServerMajor: 16) }

        // Then
        #expect(error?.code == .noSuitableVersion)
        #expect(
            error?.description
                == "server is PostgreSQL 16; newest pg_dump here is 15; install postgresql-client-16 or set pg_dump_path"
        )
    }

    @Test("with 15 and 16 installed, each server gets the lowest major at least its own")
    func picksLowestSufficientMajor() async throws {
        let locator = ToolLocator(
            configuredPaths: [.pgDump: [try pg16.binDirectory, try pg15.binDirectory]], debianRoot: nil, searchPath: [])

        let for16 = try await locator.tool(.pgDump, forServerMajor: 16)
        #expect(for16.version.major == 16)
        #expect(for16.path == "\(try pg16.binDirectory)/pg_dump")
        let for15 = try await locator.tool(.pgDump, forServerMajor: 15)
        #expect(for15.version.major == 15)
        #expect(for15.version.text.hasPrefix("15."))
        #expect(for15.path == "\(try pg15.binDirectory)/pg_dump")
        let for14 = try await locator.tool(.pgDump, forServerMajor: 14)
        #expect(for14.version.major == 15)

        let error = await #expect(throws: DumpError.self) { try await locator.tool(.pgDump, forServerMajor: 17) }
        #expect(
            error?.description
                == "server is PostgreSQL 17; newest pg_dump here is 16; install postgresql-client-17 or set pg_dump_path"
        )
    }

    @Test("pg_restore for an archive: at least the server's and the archive's majors")
    func restoreNeedsBothMajors() async throws {
        let locator = ToolLocator(
            configuredPaths: [.pgRestore: [try pg15.binDirectory, try pg16.binDirectory]], debianRoot: nil,
            searchPath: [])

        #expect(try await locator.tool(.pgRestore, atLeast: [15, 16]).version.major == 16)
        #expect(try await locator.tool(.pgRestore, atLeast: [15, 15]).version.major == 15)
        let error = await #expect(throws: DumpError.self) { try await locator.tool(.pgRestore, atLeast: [16, 17]) }
        #expect(
            error?.description
                == "needs pg_restore 17 or newer; newest pg_restore here is 16; install postgresql-client-17 or set "
                + "pg_restore_path")
    }

    @Test("Debian's <root>/<major>/bin folders are found, and a configured copy of the same major wins")
    func debianLayout() async throws {
        // Given a Debian-like root holding 15 and 16, and PostgreSQL 16 configured as well
        let root = try TemporaryDirectory()
        for server in [pg15, pg16] {
            let bin = root.url.appendingPathComponent("\(server.major)/bin")
            try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
            try FileManager.default.createSymbolicLink(
                atPath: bin.appendingPathComponent("pg_dump").path, withDestinationPath: try server.tool("pg_dump"))
        }
        let configured = try pg16.tool("pg_dump")
        let locator = ToolLocator(configuredPaths: [.pgDump: [configured]], debianRoot: root.url.path, searchPath: [])

        // When
        let discovery = await locator.discover(.pgDump)

        // Then one tool per major, the configured one for 16
        try #require(discovery.tools.map(\.version.major) == [15, 16], "skipped: \(discovery.skipped)")
        #expect(discovery.tools.map(\.origin) == [.debian, .configured])
        #expect(discovery.tools[1].path == configured)
        #expect(discovery.skipped.isEmpty)
    }

    @Test("unusable configured paths are skipped and named in the error")
    func unusableConfiguredPaths() async throws {
        let locator = ToolLocator(
            configuredPaths: [.pgDump: ["/nonexistent/pg_dump", "/bin/true"]], debianRoot: nil, searchPath: [])

        let error = await #expect(throws: DumpError.self) { try await locator.tool(.pgDump, forServerMajor: 15) }

        #expect(error?.code == .notInstalled)
        let text = error?.description ?? ""
        #expect(text.hasPrefix("server is PostgreSQL 15; no pg_dump found here; install postgresql-client-15"))
        #expect(text.contains("/nonexistent/pg_dump: no such file"))
        #expect(text.contains("/bin/true: not a PostgreSQL program"))
    }

    @Test(
        "Debian's pg_wrapper on PATH is not taken for a version of its own",
        .enabled(if: FileManager.default.fileExists(atPath: "/usr/share/postgresql-common/pg_wrapper")))
    func skipsPgWrapper() async {
        let discovery = await ToolLocator(debianRoot: nil, searchPath: ["/usr/bin"]).discover(.pgDump)
        #expect(discovery.tools.isEmpty)
    }

    @Test("the default search finds Debian's PostgreSQL 15 (no pg_wrapper)")
    func defaultSearch() async throws {
        let tool = try await ToolLocator().tool(.psql, forServerMajor: 15)
        #expect(tool.version.major >= 15)
        #expect(!tool.path.hasSuffix("pg_wrapper"))
    }
}
