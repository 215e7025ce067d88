import BackupDump
import Testing

@Suite("PostgreSQL versions")
struct PostgresVersionTests {
    struct Sample: Sendable, CustomTestStringConvertible {
        let output: String
        let major: Int
        let minor: Int
        let text: String
        var testDescription: String { output }
    }

    @Test(
        "`--version` lines give major, minor and text",
        arguments: [
            Sample(
                output: "pg_dump (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)\n", major: 15, minor: 18,
                text: "15.18 (Debian 15.18-0+deb12u1)"),
            Sample(output: "pg_dump (PostgreSQL) 16.2", major: 16, minor: 2, text: "16.2"),
            Sample(output: "psql (PostgreSQL) 17beta1", major: 17, minor: 0, text: "17beta1"),
            Sample(output: "pg_restore (PostgreSQL) 18devel", major: 18, minor: 0, text: "18devel"),
            Sample(output: "pg_dump (PostgreSQL) 9.6.24", major: 9, minor: 6, text: "9.6.24"),
        ])
    func parsesVersionOutput(sample: Sample) throws {
        let version = try #require(PostgresVersion(versionOutput: sample.output))
        #expect(version.major == sample.major)
        #expect(version.minor == sample.minor)
        #expect(version.text == sample.text)
    }

    @Test("lines that are not a PostgreSQL tool's version give nil", arguments: ["", "bash 5.2", "(PostgreSQL) x"])
    func rejectsOtherOutput(output: String) {
        #expect(PostgresVersion(versionOutput: output) == nil)
    }

    @Test("server version numbers split into major and minor")
    func serverVersionNumbers() {
        #expect(PostgresVersion(serverVersionNumber: 150018).description == "15.18")
        #expect(PostgresVersion(serverVersionNumber: 160002).major == 16)
        #expect(PostgresVersion(serverVersionNumber: 90624).description == "9.6.24")
        #expect(PostgresVersion(serverVersionNumber: 90624).major == 9)
    }

    @Test("versions order by major, then minor")
    func ordering() {
        #expect(PostgresVersion(major: 15, minor: 18) < PostgresVersion(major: 16, minor: 2))
        #expect(PostgresVersion(major: 16, minor: 2) < PostgresVersion(major: 16, minor: 10))
    }
}
