import BackupDump
import Testing

/// The choice among installed versions, without running anything.
@Suite("Tool selection")
struct ToolSelectionTests {
    static func tool(_ major: Int) -> PostgresTool {
        PostgresTool(
            kind: .pgDump, path: "/pg\(major)/pg_dump", version: PostgresVersion(major: major), origin: .debian)
    }

    let discovery = ToolDiscovery(kind: .pgDump, tools: [tool(13), tool(15), tool(16)])

    @Test("the lowest major at least the requirement", arguments: [(9, 13), (12, 13), (13, 13), (14, 15), (16, 16)])
    func lowestSufficient(required: Int, expected: Int) throws {
        #expect(try discovery.select(atLeast: [required]).version.major == expected)
    }

    @Test("several requirements: their maximum counts")
    func maximumOfRequirements() throws {
        #expect(try discovery.select(atLeast: [13, 15, 14]).version.major == 15)
    }

    @Test("nothing installed: the error says so")
    func nothingInstalled() {
        let error = #expect(throws: DumpError.self) {
            try ToolDiscovery(kind: .pgDumpall, tools: []).select(atLeast: [16], serverMajor: 16)
        }
        #expect(error?.code == .notInstalled)
        #expect(
            error?.description
                == "server is PostgreSQL 16; no pg_dumpall found here; install postgresql-client-16 or set pg_dumpall_path"
        )
    }
}
