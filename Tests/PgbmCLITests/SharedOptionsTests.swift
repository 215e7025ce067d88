import Foundation
import TestSupport
import Testing

/// Both executables take the shared options of design §5, as flags or environment variables. The
/// running server's defaults and precedence are tested in `ServerTests` (it serves until SIGTERM).
@Suite("Shared options")
struct SharedOptionsTests {
    static let server = TestServices.executable("pgbm-server")

    @Test("a bad value names its source and what is expected", arguments: [
        (["--log-level", "loud"], [String: String?](), "--log-level: \"loud\" is not a log level"),
        ([], ["PGBM_LOG_LEVEL": "loud"], "PGBM_LOG_LEVEL: \"loud\" is not a log level"),
        (["--port", "70000"], [:], "--port: \"70000\" is not a port; expected a whole number from 0 to 65535"),
        ([], ["PGBM_PORT": "http"], "PGBM_PORT: \"http\" is not a port"),
        ([], ["PGBM_HTTP_IDLE_TIMEOUT": "0"], "PGBM_HTTP_IDLE_TIMEOUT: \"0\" is not a number of seconds; expected a whole number from 1 to 86400"),
        (["--http-max-connections", "many"], [:], "--http-max-connections: \"many\" is not a number of connections"),
        ([], ["PGBM_HTTP_BODY_MIN_RATE": "0"], "PGBM_HTTP_BODY_MIN_RATE: \"0\" is not a rate in bytes per second"),
        ([], ["PGBM_MEMORY_TRIM_AFTER": "soon"], "PGBM_MEMORY_TRIM_AFTER: \"soon\" is not a number of seconds"),
    ])
    func badValues(arguments: [String], environment: [String: String?], message: String) throws {
        let result = try ProcessRunner.run(Self.server, arguments, environment: environment)
        #expect(result.status == 64)
        #expect(result.stderrText.contains(message), "\(result.stderrText)")
    }

    @Test("both executables report the same version")
    func versions() throws {
        let server = try ProcessRunner.run(Self.server, ["--version"])
        let cli = try ProcessRunner.run(TestServices.executable("pgbm-cli"), ["--version"])
        #expect(server.status == 0 && cli.status == 0)
        #expect(!server.stdoutText.isEmpty)
        #expect(server.stdoutText == cli.stdoutText)
    }
}
