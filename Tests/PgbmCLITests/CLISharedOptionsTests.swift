import Foundation
import TestSupport
import Testing

@Suite("pgbm-cli shared options")
struct CLISharedOptionsTests {
    @Test("pgbm-cli validates the shared options too")
    func cliValidatesSharedOptions() throws {
        let result = try ProcessRunner.run(
            TestServices.executable("pgbm-cli"), ["verify", "--log-level", "loud"], environment: ["PGBM_PASSPHRASE": "x"])
        #expect(result.status == 64)
        #expect(result.stderrText.contains("--log-level: \"loud\" is not a log level"), "\(result.stderrText)")
    }
}

@Suite("pgbm-cli log level")
struct CLILogLevelTests {
    @Test("--log-level and PGBM_LOG_LEVEL decide what pgbm-cli logs", arguments: [
        ([], [String: String?](), true), (["--log-level", "warning"], [:], false), ([], ["PGBM_LOG_LEVEL": "error"], false),
    ])
    func logLevelApplies(arguments: [String], environment: [String: String?], logsInfo: Bool) throws {
        let dir = try TemporaryDirectory()
        let result = try ProcessRunner.run(
            TestServices.executable("pgbm-cli"), ["db", "list", "--data-dir", dir.path("data")] + arguments,
            environment: environment.merging(["PGBM_LOG_LEVEL": environment["PGBM_LOG_LEVEL"] ?? nil]) { $1 })
        #expect(result.status == 0, "\(result.stderrText)")
        #expect(result.stderrText.contains("configuration store opened") == logsInfo, "\(result.stderrText)")
    }
}
