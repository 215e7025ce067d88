import Foundation
import TestSupport
import Testing

/// Failures the library reports reach the operator through the real `pgbm-cli` binary with their
/// documented exit code (`Docs/ERRORS.md`) and a message that names the cause and no secret.
@Suite("pgbm-cli: library failures and their exit codes", .serialized)
struct CLIErrorExitTests {
    static let secret = "cli-exit-canary-\(UUID().uuidString)"

    @Test("an S3 endpoint nothing listens on exits 15 (BackupStorage.unreachable) and names the code")
    func storageUnreachable() throws {
        // Given an endpoint on a port nothing listens on
        let port = try FreePort.next()
        // When pgbm-cli lists the bucket
        let result = try ProcessRunner.run(
            TestServices.executable("pgbm-cli"),
            ["s3", "list", "--endpoint", "http://127.0.0.1:\(port)", "--bucket", "pgbm-unreachable", "--access-key-id", "AKIAEXAMPLE"],
            environment: ["PGBM_S3_SECRET_KEY": Self.secret, "PGBM_S3_BUCKET": nil])
        // Then it ends with the storage code's exit code, and the secret key is nowhere
        #expect(result.status == 15, "\(result.stderrText)")
        #expect(result.stderrText.contains("pgbm-cli: error: cannot reach S3 endpoint") && result.stderrText.contains("[unreachable]"), "\(result.stderrText)")
        #expect(!result.stderrText.contains(Self.secret) && !result.stdoutText.contains(Self.secret))
    }

    @Test(
        "a wrong S3 secret key exits 10 (BackupStorage.bad_credentials) without showing it",
        .enabled(if: TestServices.available("PGBM_TEST_S3_ENDPOINT", "PGBM_TEST_S3_ACCESS_KEY")))
    func storageBadCredentials() throws {
        // Given the test S3 server and a secret key that is not its
        let result = try ProcessRunner.run(
            TestServices.executable("pgbm-cli"),
            [
                "s3", "list", "--endpoint", try TestServices.value("PGBM_TEST_S3_ENDPOINT"), "--bucket", "pgbm-cli-wrong-secret",
                "--access-key-id", try TestServices.value("PGBM_TEST_S3_ACCESS_KEY"),
            ],
            environment: ["PGBM_S3_SECRET_KEY": Self.secret, "PGBM_S3_BUCKET": nil])
        // Then it ends with the code's exit code and names the code, and the secret key is nowhere
        #expect(result.status == 10, "\(result.stderrText)")
        #expect(result.stderrText.contains("[bad_credentials]"), "\(result.stderrText)")
        #expect(!result.stderrText.contains(Self.secret) && !result.stdoutText.contains(Self.secret))
    }

    @Test("a database server that refuses the connection fails db test with exit 2 and 'cannot reach'")
    func connectionRefused() throws {
        // Given a database on a port nothing listens on
        let fixture = try CLIStoreFixture()
        let port = try FreePort.next()
        try fixture.addDatabase("app", extra: ["--host", "127.0.0.1", "--port", "\(port)"], environment: ["PGBM_DB_PASSWORD": Self.secret])
        // When its connection is tested
        let result = try fixture.run(["db", "test", "app"])
        // Then the test fails, says why, and the password is nowhere
        #expect(result.status == 2, "\(result.stdoutText)\(result.stderrText)")
        #expect(result.stdoutText.contains("cannot reach 127.0.0.1:\(port)"), "\(result.stdoutText)")
        #expect(!(result.stdoutText + result.stderrText).contains(Self.secret))
    }
}
