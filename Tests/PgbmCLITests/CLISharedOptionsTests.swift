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
