@testable import BackupAPI
import BackupCore
import BackupRepository
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

/// Login CSRF and cross-origin changes: login and setup take JSON only, and a change whose `Origin` is
/// not the server's own (or `general.public_base_url`) is refused before anything else happens.
///
/// The router tests see the request as a server behind `Host: localhost` over http, so the server's own
/// origin is `http://localhost`.
@Suite("Auth: Origin and login content type")
struct OriginCheckTests {
    static let password = AuthLoginTests.password
    static let origin = HTTPField.Name("Origin")!
    static let database = #"{"name": "app", "host": "db", "database": "app", "user": "u"}"#

    @Test(
        "login and setup refuse a body that is not declared as JSON with 415",
        arguments: ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", nil] as [String?])
    func loginNeedsJSON(contentType: String?) async throws {
        let fixture = try await APIFixture()
        var headers: HTTPFields = [:]
        if let contentType { headers[.contentType] = contentType }
        let declared = headers
        // A form or a script from another site can send these without a preflight
        try await fixture.anonymous(gate: SetupGate(token: "setup_token")) { client in
            let setup = try await client.send(
                .post, "/api/auth/setup",
                body: ByteBuffer(string: #"{"setup_token": "setup_token", "username": "bob", "password": "bob-password-12"}"#),
                headers: declared)
            try expectError(setup, status: .unsupportedMediaType, code: "unsupported_media_type")
        }
        #expect(try await fixture.store.user(named: "bob") == nil)
        try await fixture.createUser("alice", password: Self.password)
        try await fixture.anonymous { client in
            let login = try await client.send(
                .post, "/api/auth/login", body: ByteBuffer(string: AuthLoginTests.credentials()), headers: declared)
            try expectError(login, status: .unsupportedMediaType, code: "unsupported_media_type")
            #expect(login.headers[.setCookie] == nil)
            // JSON with a charset parameter is JSON
            let json = try await client.send(
                .post, "/api/auth/login", body: ByteBuffer(string: AuthLoginTests.credentials()),
                headers: [.contentType: "Application/JSON; charset=utf-8"])
            #expect(json.status == .ok)
        }
    }

    @Test(
        "a change from another origin is refused with 403, even with the session's cookie and CSRF header",
        arguments: ["https://evil.example", "http://localhost:8080", "https://localhost", "null", "http://localhost.evil.example"])
    func crossOriginChangeRefused(origin: String) async throws {
        let fixture = try await APIFixture()
        try await fixture.createUser("alice", password: Self.password)
        try await fixture.anonymous { client in
            let session = try await client.login("alice", Self.password)
            var headers = session.headers()
            headers[Self.origin] = origin
            try expectError(
                try await client.send(.post, "/api/config/databases", json: Self.database, headers: headers), status: .forbidden,
                code: "origin_mismatch")
            try expectError(
                try await client.send(.post, "/api/auth/logout", headers: headers), status: .forbidden, code: "origin_mismatch")
            // A read from another origin is not a change: the browser keeps its answer from the other site anyway
            #expect(try await client.send(.get, "/api/auth/me", headers: headers).status == .ok)
        }
        #expect(try await fixture.store.databases(includingDeleted: true).isEmpty)
    }

    @Test("a login from another origin is refused before the password is checked")
    func crossOriginLoginRefused() async throws {
        let fixture = try await APIFixture()
        try await fixture.createUser("alice", password: Self.password)
        try await fixture.anonymous { client in
            let response = try await client.send(
                .post, "/api/auth/login", json: AuthLoginTests.credentials(), headers: [Self.origin: "https://evil.example"])
            try expectError(response, status: .forbidden, code: "origin_mismatch")
            #expect(response.headers[.setCookie] == nil)
        }
        #expect(try await fixture.store.events(AuditFilter(action: "auth.login"), limit: 10, cursor: nil).items.isEmpty)
    }

    @Test("a bearer token's change with a foreign Origin is refused too; without Origin it works")
    func bearerWithForeignOrigin() async throws {
        let fixture = try await APIFixture()
        try await fixture.test { client in
            try expectError(
                try await client.send(
                    .post, "/api/config/databases", json: Self.database, headers: [Self.origin: "https://evil.example"]),
                status: .forbidden, code: "origin_mismatch")
            #expect(try await client.send(.post, "/api/config/databases", json: Self.database).status == .created)
        }
    }

    @Test(
        "the server's own origin is accepted: the Host with the request's scheme, or https behind a TLS proxy",
        arguments: [
            ("http://localhost", [:]), ("HTTP://LOCALHOST:80", [:]),
            ("https://localhost", ["X-Forwarded-Proto": "https"]), ("https://localhost:443", ["X-Forwarded-Proto": "https, http"]),
        ] as [(String, [String: String])])
    func sameOriginAccepted(origin: String, extra: [String: String]) async throws {
        let fixture = try await APIFixture()
        try await fixture.createUser("alice", password: Self.password)
        var fields: HTTPFields = [Self.origin: origin]
        for (name, value) in extra { fields[HTTPField.Name(name)!] = value }
        let headers = fields
        try await fixture.anonymous { client in
            let session = try await client.login("alice", Self.password, headers: headers)
            var change = session.headers()
            change.append(contentsOf: headers)
            #expect(try await client.send(.post, "/api/config/databases", json: Self.database, headers: change).status == .created)
        }
    }

    @Test("the origin of general.public_base_url (stored, or PGBM_BASE_URL) is accepted; its path does not matter")
    func publicBaseURLAccepted() async throws {
        let fixture = try await APIFixture()
        try await fixture.createUser("alice", password: Self.password)
        var general = try await fixture.store.settings(GeneralSettings.self)
        general.publicBaseURL = "https://backups.example.com/pgbm/"
        try await fixture.store.saveSettings(general)
        let configuration = APIConfiguration(port: 0, version: "9.9.9-test", baseURL: "https://pgbm.example.org:8443")
        try await fixture.anonymous(configuration: configuration) { client in
            for origin in ["https://backups.example.com", "https://pgbm.example.org:8443"] {
                let session = try await client.login("alice", Self.password, headers: [Self.origin: origin])
                var headers = session.headers()
                headers[Self.origin] = origin
                #expect(try await client.send(.post, "/api/auth/logout", headers: headers).status == .noContent, "\(origin)")
            }
            for origin in ["http://backups.example.com", "https://backups.example.com:444", "https://pgbm.example.org"] {
                let response = try await client.send(
                    .post, "/api/auth/login", json: AuthLoginTests.credentials(), headers: [Self.origin: origin])
                try expectError(response, status: .forbidden, code: "origin_mismatch")
            }
        }
    }
}
