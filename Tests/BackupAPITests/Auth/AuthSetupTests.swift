@testable import BackupAPI
import BackupRepository
import Foundation
import HTTPTypes
import NIOCore
import HummingbirdTesting
import Testing

@Suite("Auth: setup of the first admin")
struct AuthSetupTests {
    static let password = "first-admin-password"

    static func body(token: String, username: String = "root", password: String = AuthSetupTests.password) -> String {
        #"{"setup_token": "\#(token)", "username": "\#(username)", "password": "\#(password)"}"#
    }

    @Test("setup is required until the first admin exists; the right token creates it once")
    func setupFlow() async throws {
        // Given a new installation with a setup token
        let fixture = try await APIFixture()
        let gate = SetupGate(token: "setup_right")
        try await fixture.anonymous(gate: gate) { client in
            #expect(try JSONBody(try await client.send(.get, "/api/auth/setup"))["setup_required"]?.bool == true)

            // When the wrong token is sent: 403, nothing created
            try expectError(
                try await client.send(.post, "/api/auth/setup", json: Self.body(token: "setup_wrong")), status: .forbidden,
                code: "setup_token_invalid")
            #expect(try await fixture.store.users().isEmpty)

            // When the right token is sent: 201 with the admin, who can log in
            let created = try await client.send(.post, "/api/auth/setup", json: Self.body(token: "setup_right"))
            #expect(created.status == .created)
            let user = try JSONBody(created)
            #expect(user["username"]?.string == "root" && user["role"]?.string == "admin")
            #expect(!String(buffer: created.body).contains("password"))
            #expect(try JSONBody(try await client.send(.get, "/api/auth/setup"))["setup_required"]?.bool == false)
            _ = try await client.login("root", Self.password)

            // Then a second setup is refused, with any token
            try expectError(
                try await client.send(.post, "/api/auth/setup", json: Self.body(token: "setup_right", username: "other")),
                status: .conflict, code: "setup_done")
        }
        let stored = try #require(try await fixture.store.user(named: "root"))
        #expect(stored.passwordHash.hasPrefix("$2") && stored.passwordHash != Self.password)
        let events = try await fixture.store.events(AuditFilter(action: "auth.setup"), limit: 10, cursor: nil).items
        #expect(events.map(\.actor) == ["root"] && events.first?.outcome == .success)
    }

    @Test("a short password or a missing field is a 422 naming it, and the token stays usable")
    func validation() async throws {
        let fixture = try await APIFixture()
        try await fixture.anonymous(gate: SetupGate(token: "setup_t")) { client in
            try expectError(
                try await client.send(.post, "/api/auth/setup", json: Self.body(token: "setup_t", password: "short")),
                status: .unprocessableContent, code: "invalid", field: "password")
            try expectError(
                try await client.send(.post, "/api/auth/setup", json: #"{"setup_token": "setup_t", "password": "x"}"#),
                status: .unprocessableContent, code: "invalid", field: "username")
            try expectError(
                try await client.send(.post, "/api/auth/setup", json: Self.body(token: "setup_t", username: "bad name")),
                status: .unprocessableContent, code: "invalid", field: "username")
            #expect(try await client.send(.post, "/api/auth/setup", json: Self.body(token: "setup_t")).status == .created)
        }
    }

    @Test("without a setup token (users existed at start) setup is refused; once users exist it is done")
    func noToken() async throws {
        let fixture = try await APIFixture()
        try await fixture.anonymous { client in
            try expectError(
                try await client.send(.post, "/api/auth/setup", json: Self.body(token: "")), status: .forbidden,
                code: "setup_token_invalid")
        }
        try await fixture.createUser("alice", password: "alice-password-1")
        try await fixture.anonymous(gate: SetupGate(token: "setup_x")) { client in
            try expectError(
                try await client.send(.post, "/api/auth/setup", json: Self.body(token: "setup_x")), status: .conflict,
                code: "setup_done")
        }
    }

    @Test("the gate compares in constant time and makes tokens only when needed")
    func gate() async {
        #expect(SetupGate.constantTimeEqual("abc", "abc"))
        #expect(!SetupGate.constantTimeEqual("abc", "abd"))
        #expect(!SetupGate.constantTimeEqual("abc", "abcd"))
        #expect(await SetupGate.make(needed: false).pendingToken == nil)
        #expect(await SetupGate.make(needed: true).pendingToken?.hasPrefix("setup_") == true)
    }
}
