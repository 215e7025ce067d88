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

        // When the first admin is created with it and logs in
        let setup = try await server.send(
            .POST, "/api/auth/setup", json: #"{"setup_token": "\#(token)", "username": "root", "password": "root-password-1"}"#)
        #expect(setup.status == 201, "\(setup.body)")
        let login = try await server.send(.POST, "/api/auth/login", json: #"{"username": "root", "password": "root-password-1"}"#)
        #expect(login.status == 200)
        let cookie = try #require(login.headers["set-cookie"].first?.split(separator: ";").first.map(String.init))
        let csrf = try #require(
            (try JSONSerialization.jsonObject(with: Data(login.body.utf8)) as? [String: Any])?["csrf_token"] as? String)

        // Then the session reads, and with the CSRF header creates an API token that works on its own
        #expect(try await server.send(.GET, "/api/config/databases", headers: ["Cookie": cookie]).status == 200)
        let created = try await server.send(
            .POST, "/api/tokens", json: #"{"name": "ci"}"#, headers: ["Cookie": cookie, "X-CSRF-Token": csrf])
        #expect(created.status == 201)
        let value = try #require(
            (try JSONSerialization.jsonObject(with: Data(created.body.utf8)) as? [String: Any])?["token"] as? String)
        #expect(try await server.send(.GET, "/api/auth/me", headers: ["Authorization": "Bearer \(value)"]).status == 200)
        #expect(try await server.send(.POST, "/api/auth/setup", json: #"{"setup_token": "\#(token)", "username": "x", "password": "xxxxxxxxxxxxx"}"#).status == 409)
    }
}

extension ServerProcess {
    /// Sends `method path` with an optional JSON body; returns the status, headers and body.
    func send(
        _ method: HTTPMethod, _ path: String, json: String? = nil, headers: [String: String] = [:]
    ) async throws -> (status: UInt, headers: HTTPHeaders, body: String) {
        var request = HTTPClientRequest(url: baseURL + path)
        request.method = method
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let json {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(string: json))
        }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(5))
        let body = try await response.body.collect(upTo: 1 << 20)
        return (response.status.code, response.headers, String(buffer: body))
    }
}
