import BackupCore
import TestSupport
import Testing

/// `pgbm-cli` maps every library code once (`ExitCodes`), as `Docs/ERRORS.md` says: the real binary lists
/// its table with `error-codes`.
@Suite("pgbm-cli: the exit code table")
struct ExitCodeTableTests {
    @Test("error-codes prints every documented code with the documented exit code, in the page's order")
    func everyCodeExitsAsDocumented() throws {
        // Given the page's rows
        let rows = try ErrorsDocument.rows()
        #expect(rows.map(\.name) == ErrorCode.all.map(\.description))
        // When the binary lists its table
        let result = try ProcessRunner.run(TestServices.executable("pgbm-cli"), ["error-codes"])
        #expect(result.status == 0, "\(result.stderrText)")
        let printed = result.stdoutText.split(separator: "\n").map { line in
            let parts = line.split(separator: "\t")
            return "\(parts.first ?? "") \(parts.last ?? "")"
        }
        // Then each code has the documented exit code
        #expect(printed == rows.map { "\($0.name) \($0.exitCode)" })
    }
}
