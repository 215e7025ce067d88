@testable import BackupAPI
import BackupCore
import BackupRepository
import Foundation
import HTTPTypes
import NIOCore
import HummingbirdTesting
import Testing

@Suite("Auth: login, sessions, CSRF, logout")
struct AuthLoginTests {
    static let password = "alice-password-1"

    static func credentials(_ username: String = "alice", _ password: String = AuthLoginTests.password) -> String {
        #"{"username": "\#(username)", "password": "\#(password)"}"#
    }

    @Test("login sets an HttpOnly SameSite=Strict cookie for the configured lifetime, not Secure over plain http")
    func cookieFlags() async throws {
        let fixture = try await APIFixture()
        try await fixture.createUser("alice", password: Self.password, role: .viewer)
        try await fixture.anonymous { client in
            let response = try await client.send(.post, "/api/auth/login", json: Self.credentials())
            #expect(response.status == .ok)
            let cookie = try #require(response.headers[.setCookie])
            #expect(cookie.hasPrefix("pgbm_session="))
            let attributes = Set(cookie.split(separator: ";").dropFirst().map { $0.trimmingCharacters(in: .whitespaces) })
            #expect(attributes.isSuperset(of: ["HttpOnly", "SameSite=Strict", "Path=/", "Max-Age=43200"]), "\(cookie)")
            #expect(!attributes.contains("Secure"))
            let body = try JSONBody(response)
            #expect(body["user"]?["username"]?.string == "alice" && body["user"]?["role"]?.string == "viewer")
            #expect(body["csrf_token"]?.string?.isEmpty == false)
            #expect(body["credential"]?.string == "session")

            // The store keeps the SHA-256 of the session token and of the CSRF token, not the tokens
            let token = String(cookie.split(separator: ";")[0].dropFirst("pgbm_session=".count))
            let csrf = try #require(body["csrf_token"]?.string)
            #expect(try await fixture.store.session(tokenHash: token, now: Date()) == nil)
            let session = try #require(try await fixture.store.session(tokenHash: TokenDigest.digest(token), now: Date()))
            #expect(session.csrfTokenHash == TokenDigest.digest(csrf))
            #expect(abs(session.expiresAt.timeIntervalSince(session.createdAt) - 43_200) < 1)
        }
    }

    @Test(
        "the cookie is Secure behind an https proxy or with an https base URL",
        arguments: [
            (nil, ["X-Forwarded-Proto": "https"], true), ("https://backups.example.com", [:], true),
            ("http://backups.internal", [:], false), (nil, ["X-Forwarded-Proto": "http"], false),
        ] as [(String?, [String: String], Bool)])
    func secureCookie(baseURL: String?, headers: [String: String], secure: Bool) async throws {
        let fixture = try await APIFixture()
        try await fixture.createUser("alice", password: Self.password)
        var fields = HTTPFields()
        for (name, value) in headers { fields[HTTPField.Name(name)!] = value }
        let extra = fields
        let configuration = APIConfiguration(port: 0, baseURL: baseURL)
        try await fixture.anonymous(configuration: configuration) { client in
            let response = try await client.send(.post, "/api/auth/login", json: Self.credentials(), headers: extra)
            let cookie = try #require(response.headers[.setCookie])
            #expect(cookie.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.contains("Secure") == secure)
        }
    }

    @Test("wrong password, unknown user and disabled user get the same 401; failures are audited without the password")
    func failures() async throws {
        let fixture = try await APIFixture()
        try await fixture.createUser("alice", password: Self.password)
        try await fixture.createUser("bob", password: Self.password, disabled: true)
        try await fixture.anonymous { client in
            var messages: Set<String> = []
            for body in [Self.credentials("alice", "wrong-password-canary"), Self.credentials("nobody"), Self.credentials("bob")] {
                let response = try await client.send(.post, "/api/auth/login", json: body)
                try expectError(response, status: .unauthorized, code: "invalid_credentials")
                #expect(response.headers[.setCookie] == nil)
                messages.insert(try JSONBody(response)["error"]?["message"]?.string ?? "")
            }
            #expect(messages.count == 1)
        }
        let events = try await fixture.store.events(AuditFilter(action: "auth.login"), limit: 10, cursor: nil).items
        #expect(events.count == 3 && events.allSatisfy { $0.outcome == .failure })
        let details = events.map(\.details).joined(separator: " ")
        #expect(details.contains("wrong_password") && details.contains("unknown_user") && details.contains("disabled"))
        #expect(details.contains("nobody"))
        #expect(!details.contains("wrong-password-canary"))
    }

    @Test("five failures for a username make the sixth login a 429 with Retry-After, even with the right password")
    func rateLimit() async throws {
        let fixture = try await APIFixture()
        try await fixture.createUser("alice", password: Self.password)
        try await fixture.anonymous { client in
            for _ in 0..<5 {
                let response = try await client.send(.post, "/api/auth/login", json: Self.credentials("alice", "not-the-password"))
                #expect(response.status == .unauthorized)
            }
            let limited = try await client.send(.post, "/api/auth/login", json: Self.credentials())
            try expectError(limited, status: .tooManyRequests, code: "rate_limited")
            let wait = try #require(limited.headers[.retryAfter].flatMap { Int($0) })
            #expect((1...900).contains(wait))
        }
    }

    @Test("a session reads without CSRF header; a change needs the session's X-CSRF-Token")
    func csrf() async throws {
        let fixture = try await APIFixture()
        try await fixture.createUser("alice", password: Self.password)
        try await fixture.anonymous { client in
            let session = try await client.login("alice", Self.password)
            #expect(try await client.send(.get, "/api/config/databases", headers: session.headers(withCSRF: false)).status == .ok)

            let body = #"{"name": "app", "host": "db", "database": "app", "user": "u"}"#
            try expectError(
                try await client.send(.post, "/api/config/databases", json: body, headers: session.headers(withCSRF: false)),
                status: .forbidden, code: "csrf_failed")
            var wrong = session.headers(withCSRF: false)
            wrong[SessionCookie.csrfHeader] = "not-the-token"
            try expectError(
                try await client.send(.post, "/api/config/databases", json: body, headers: wrong), status: .forbidden,
                code: "csrf_failed")
            #expect(try await client.send(.post, "/api/config/databases", json: body, headers: session.headers()).status == .created)
        }
        let denied = try await fixture.store.events(AuditFilter(action: "auth.denied"), limit: 10, cursor: nil).items
        #expect(denied.count == 2 && denied.allSatisfy { $0.outcome == .denied && $0.actor == "alice" })
        #expect(denied.first?.targetId == "POST /api/config/databases")
    }

    @Test("me returns the user and the CSRF token again; logout ends the session and clears the cookie")
    func meAndLogout() async throws {
        let fixture = try await APIFixture()
        try await fixture.createUser("alice", password: Self.password, role: .viewer)
        try await fixture.anonymous { client in
            let session = try await client.login("alice", Self.password)
            let me = try JSONBody(try await client.send(.get, "/api/auth/me", headers: session.headers(withCSRF: false)))
            #expect(me["user"]?["username"]?.string == "alice")
            #expect(me["csrf_token"]?.string == session.csrf)

            try expectError(
                try await client.send(.post, "/api/auth/logout", headers: session.headers(withCSRF: false)), status: .forbidden,
                code: "csrf_failed")
            let logout = try await client.send(.post, "/api/auth/logout", headers: session.headers())
            #expect(logout.status == .noContent)
            #expect(logout.headers[.setCookie]?.contains("Max-Age=0") == true)

            let after = try await client.send(.get, "/api/auth/me", headers: session.headers())
            try expectError(after, status: .unauthorized, code: "unauthenticated")
            #expect(after.headers[.wwwAuthenticate] == "Bearer")
        }
        let actions = try await fixture.store.events(AuditFilter(), limit: 10, cursor: nil).items.map(\.action)
        #expect(actions.contains("auth.logout") && actions.contains("auth.login"))
    }

    @Test("the configured lifetime sets Max-Age; expired sessions and a disabled user's sessions are refused")
    func expiry() async throws {
        let fixture = try await APIFixture()
        let store = fixture.store
        let alice = try await fixture.createUser("alice", password: Self.password)
        // Given a session that expired a second ago, stored as login stores them
        let expired = TokenDigest.newToken()
        try await store.createSession(
            UserSession(
                tokenHash: TokenDigest.digest(expired), userId: alice.id ?? 0,
                csrfTokenHash: TokenDigest.digest(SessionCookie.csrfToken(for: expired)), createdAt: Date().addingTimeInterval(-61),
                expiresAt: Date().addingTimeInterval(-1)))
        let configuration = APIConfiguration(port: 0, sessionLifetime: .seconds(60))
        try await fixture.anonymous(configuration: configuration) { client in
            let old = BrowserSession(token: expired, csrf: SessionCookie.csrfToken(for: expired))
            try expectError(
                try await client.send(.get, "/api/auth/me", headers: old.headers()), status: .unauthorized, code: "unauthenticated")

            // When alice logs in: the cookie lasts the configured minute, and the session works
            let response = try await client.send(.post, "/api/auth/login", json: Self.credentials())
            #expect(response.headers[.setCookie]?.contains("Max-Age=60") == true)
            let session = try await client.login("alice", Self.password)
            let me = try await client.send(.get, "/api/auth/me", headers: session.headers())
            #expect(me.status == .ok)

            // When alice is disabled: her session stops working
            var disabled = alice
            disabled.disabled = true
            try await store.updateUser(disabled)
            try expectError(
                try await client.send(.get, "/api/auth/me", headers: session.headers()), status: .unauthorized,
                code: "unauthenticated")
        }
    }

    @Test("a missing field is a 422 naming it; a malformed Authorization header is a 401")
    func malformed() async throws {
        let fixture = try await APIFixture()
        try await fixture.anonymous { client in
            try expectError(
                try await client.send(.post, "/api/auth/login", json: #"{"username": "alice"}"#), status: .unprocessableContent,
                code: "invalid", field: "password")
            try expectError(
                try await client.send(.get, "/api/auth/me", headers: [.authorization: "Basic YWxpY2U6eA=="]),
                status: .unauthorized, code: "unauthenticated")
            try expectError(
                try await client.send(.get, "/api/auth/me", headers: [.authorization: "Bearer pgbm_unknown"]),
                status: .unauthorized, code: "unauthenticated")
        }
    }
}
