import Foundation
import NIOCore
import NIOHTTP1
import TestSupport
import Testing

/// Login CSRF against the built server, with the `Host` header a browser sends (address and port).
@Suite("pgbm-server Origin and login content type", .serialized, .timeLimit(.minutes(1)))
struct ServerOriginTests {
    @Test func crossOriginAndNonJSONLoginsAreRefusedSameOriginWorks() async throws {
        // Given the built server with its first admin
        let server = try await ServerProcess.withFirstAdmin(username: "root", password: "root-password-1")
        defer { server.stop() }
        let http = HTTPCaller(baseURL: server.baseURL)
        let credentials = #"{"username": "root", "password": "root-password-1"}"#

        // When a page elsewhere posts the login as text/plain (no preflight needed), it is refused
        let plain = try await http.call(
            .POST, "/api/auth/login", body: ByteBuffer(string: credentials),
            headers: [("Content-Type", "text/plain"), ("Origin", "https://evil.example")])
        #expect(plain.status == 415 || plain.status == 403, "\(plain.status) \(plain.text)")
        #expect(plain.headers["set-cookie"].isEmpty)
        let textOnly = try await http.call(
            .POST, "/api/auth/login", body: ByteBuffer(string: credentials), headers: [("Content-Type", "text/plain")])
        #expect(textOnly.status == 415 && textOnly.text.contains("unsupported_media_type"), "\(textOnly.text)")

        // And a JSON login from another origin (another port of this host is another origin) is refused
        let otherPort = try await http.call(
            .POST, "/api/auth/login", json: credentials, headers: [("Origin", "http://127.0.0.1:\(server.port + 1)")])
        #expect(otherPort.status == 403 && otherPort.text.contains("origin_mismatch"), "\(otherPort.text)")

        // Then a login from the server's own origin, as the web UI sends it, works, and so do its changes
        let own = "http://127.0.0.1:\(server.port)"
        let login = try await http.call(.POST, "/api/auth/login", json: credentials, headers: [("Origin", own)])
        try #require(login.status == 200, "\(login.text)")
        let cookie = try #require(login.headers["set-cookie"].first?.split(separator: ";").first.map(String.init))
        let csrf = try #require(login.json["csrf_token"] as? String)
        let session = [("Cookie", cookie), ("X-CSRF-Token", csrf)]
        let created = try await http.call(
            .POST, "/api/tokens", json: #"{"name": "same-origin"}"#, headers: session + [("Origin", own)])
        #expect(created.status == 201, "\(created.text)")
        let foreign = try await http.call(
            .POST, "/api/tokens", json: #"{"name": "cross-origin"}"#, headers: session + [("Origin", "https://evil.example")])
        #expect(foreign.status == 403 && foreign.text.contains("origin_mismatch"), "\(foreign.text)")
        let tokens = try await http.call(.GET, "/api/tokens", headers: session)
        #expect(tokens.text.contains("same-origin") && !tokens.text.contains("cross-origin"), "\(tokens.text)")
    }
}
