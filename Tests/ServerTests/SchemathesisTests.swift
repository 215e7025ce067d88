import Foundation
import PostgresTestSupport
import TestSupport
import Testing

/// Schemathesis (PyPI) generates requests for every operation of `GET /api/openapi.json` and checks the
/// answers of the real server: no 5xx, and no status, content type, header or body the document does not
/// allow. It runs as an admin with an API token.
@Suite("Schemathesis against the OpenAPI document", .serialized, .timeLimit(.minutes(8)))
struct SchemathesisTests {
    /// The checks: every answer conforms to the document, and none is a server error.
    static let checks = [
        "not_a_server_error", "status_code_conformance", "content_type_conformance", "response_schema_conformance",
        "response_headers_conformance",
    ]

    @Test func noServerErrorAndNoAnswerContradictsTheDocument() async throws {
        let process = try ServerProcess()
        try process.start()
        defer { process.stop() }
        _ = try #require(try await process.waitUntilHealthy(timeout: .seconds(20)), "log:\n\(process.log)")
        let token = try await process.adminToken()
        let arguments = [
            ProcessInfo.processInfo.environment["PYTHON"] ?? "python3", "-c",
            "import sys; from schemathesis.cli import schemathesis; sys.argv[0] = 'st'; sys.exit(schemathesis())",
            "run", process.baseURL + "/api/openapi.json", "--header", "Authorization: Bearer \(token)",
            "--checks", Self.checks.joined(separator: ","), "--max-examples", "15", "--request-timeout", "30",
            "--generation-deterministic", "--no-color",
            // Revoking the run's own token or ending its session would turn the rest into 401s.
            "--exclude-operation-id", "revokeToken", "--exclude-operation-id", "logout",
        ]
        let folder = process.directory.url
        let result = try await offPool { try ProcessRunner.run("/usr/bin/env", arguments, currentDirectory: folder) }
        let output = result.stdoutText + result.stderrText
        #expect(result.status == 0, "schemathesis failed:\n\(output.suffix(12_000))")
        #expect(output.contains("passed"), "\(output.suffix(2_000))")
        #expect(!process.log.contains(" 500 "), "a 500 in the server log")
    }
}
