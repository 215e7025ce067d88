import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import TestSupport
import Testing

/// The first start of the built server: the setup token in its log, the first admin created over HTTP,
/// then a login and an API token.
@Suite("pgbm-server first login", .serialized, .timeLimit(.minutes(1)))
struct ServerAuthTests {
    @Test func setupTokenFromTheLogCreatesTheFirstAdmin() async throws {
        // Given the built server on a fresh store
        let server = try ServerProcess()
        try server.start()
        defer { server.stop() }
        _ = try #require(try await server.waitUntilHealthy(timeout: .seconds(20)), "log:\n\(server.log)")

        // Then its log has the setup token, once, at notice level
        let lines = server.log.split(separator: "\n").filter { $0.contains("pgbm.setup.token=") }
        #expect(lines.count == 1 && lines.first?.contains("notice") == true, "\(server.log)")
        let token = try #require(lines.first?.firstMatch(of: #/pgbm\.setup\.token=(\S+)/#).map { String($0.1) })

        // When the first admin is created with it, logs in, and makes an API token with the session's CSRF header
        let value = try await server.adminToken(username: "root", password: "root-password-1")

        // Then the token works on its own, and the setup token works only once
        let http = HTTPCaller(baseURL: server.baseURL)
        #expect(try await http.call(.GET, "/api/auth/me", headers: [("Authorization", "Bearer \(value)")]).status == 200)
        let again = try await http.call(
            .POST, "/api/auth/setup", json: #"{"setup_token": "\#(token)", "username": "x", "password": "xxxxxxxxxxxxx"}"#)
        #expect(again.status == 409)
    }
}
