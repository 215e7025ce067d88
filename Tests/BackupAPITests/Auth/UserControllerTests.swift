@testable import BackupAPI
import BackupRepository
import Foundation
import HTTPTypes
import NIOCore
import HummingbirdTesting
import Testing

@Suite("Users API")
struct UserControllerTests {
    static let password = "viewer-password-1"

    @Test("an admin creates, lists, shows, updates and deletes a user; each change is audited")
    func lifecycle() async throws {
        let fixture = try await APIFixture()
        let store = fixture.store
        try await fixture.test { client in
            // When a viewer is created
            let created = try await client.send(
                .post, "/api/users", json: #"{"username": "carol", "password": "\#(Self.password)", "role": "viewer"}"#)
            #expect(created.status == .created)
            let user = try JSONBody(created)
            let id = try #require(user["id"]?.int)
            #expect(user.keys == ["id", "username", "role", "disabled", "created_at"])
            #expect(created.headers[.location] == "/api/users/\(id)")

            // Then it is listed and shown
            let names = try JSONBody(try await client.send(.get, "/api/users"))["items"]?.array.compactMap { $0["username"]?.string }
            #expect(names?.contains("carol") == true)
            #expect(try JSONBody(try await client.send(.get, "/api/users/\(id)"))["role"]?.string == "viewer")

            // When it is promoted and disabled
            let updated = try JSONBody(
                try await client.send(.put, "/api/users/\(id)", json: #"{"role": "admin", "disabled": true}"#))
            #expect(updated["role"]?.string == "admin" && updated["disabled"]?.bool == true)

            // When it is deleted: gone
            #expect(try await client.send(.delete, "/api/users/\(id)").status == .noContent)
            try expectError(try await client.send(.get, "/api/users/\(id)"), status: .notFound, code: "not_found")
        }
        let actions = try await store.events(AuditFilter(targetType: "user"), limit: 10, cursor: nil).items.map(\.action)
        #expect(Set(actions) == ["user.create", "user.update", "user.delete"])
    }

    @Test("a new password replaces the hash and ends the user's sessions")
    func passwordChange() async throws {
        let fixture = try await APIFixture()
        let carol = try await fixture.createUser("carol", password: Self.password, role: .viewer)
        let id = carol.id ?? 0
        let session = try await fixture.anonymous { client in try await client.login("carol", Self.password) }
        try await fixture.test { client in
            try expectError(
                try await client.send(.put, "/api/users/\(id)", json: #"{"password": "short"}"#), status: .unprocessableContent,
                code: "invalid", field: "password")
            #expect(try await client.send(.put, "/api/users/\(id)", json: #"{"password": "another-password-2"}"#).status == .ok)
        }
        try await fixture.anonymous { client in
            #expect(try await client.send(.get, "/api/auth/me", headers: session.headers()).status == .unauthorized)
            _ = try await client.login("carol", "another-password-2")
        }
    }

    @Test("invalid bodies are a 422 naming the field; unknown ids a 404; taken names a 409")
    func validation() async throws {
        let fixture = try await APIFixture()
        try await fixture.test { client in
            let cases: [(String, String)] = [
                (#"{"username": "dave", "password": "short", "role": "viewer"}"#, "password"),
                (#"{"username": "dave", "password": "long-enough-pass", "role": "owner"}"#, "role"),
                (#"{"password": "long-enough-pass", "role": "viewer"}"#, "username"),
                (#"{"username": "da ve", "password": "long-enough-pass", "role": "viewer"}"#, "username"),
            ]
            for (body, field) in cases {
                try expectError(
                    try await client.send(.post, "/api/users", json: body), status: .unprocessableContent, code: "invalid",
                    field: field)
            }
            let body = #"{"username": "dave", "password": "long-enough-pass", "role": "viewer"}"#
            #expect(try await client.send(.post, "/api/users", json: body).status == .created)
            #expect(try await client.send(.post, "/api/users", json: body).status == .conflict)
            try expectError(try await client.send(.put, "/api/users/999", json: "{}"), status: .notFound, code: "not_found")
            try expectError(try await client.send(.delete, "/api/users/999"), status: .notFound, code: "not_found")
            try expectError(
                try await client.send(.put, "/api/users/1", json: #"{"role": "boss"}"#), status: .unprocessableContent,
                code: "invalid", field: "role")
        }
    }

    @Test("the last enabled admin can be neither deleted, demoted nor disabled")
    func lastAdmin() async throws {
        let fixture = try await APIFixture()
        let admin = try await fixture.createUser("root", password: "root-password-1")
        let id = admin.id ?? 0
        try await fixture.anonymous { client in
            let session = try await client.login("root", "root-password-1")
            for (method, body) in [
                (HTTPRequest.Method.put, #"{"role": "viewer"}"#), (.put, #"{"disabled": true}"#), (.delete, nil as String?),
            ] {
                try expectError(
                    try await client.send(method, "/api/users/\(id)", json: body, headers: session.headers()), status: .conflict,
                    code: "conflict")
            }
        }
        #expect(try await fixture.store.user(id: id)?.role == .admin)
        #expect(try await fixture.store.user(id: id)?.disabled == false)
    }

    @Test("a viewer may not read or change users")
    func viewer() async throws {
        let fixture = try await APIFixture()
        try await fixture.test(as: .viewer) { client in
            try expectError(try await client.send(.get, "/api/users"), status: .forbidden, code: "forbidden")
            try expectError(try await client.send(.get, "/api/users/1"), status: .forbidden, code: "forbidden")
            try expectError(
                try await client.send(.post, "/api/users", json: #"{"username": "x", "password": "long-enough-pass", "role": "admin"}"#),
                status: .forbidden, code: "forbidden")
        }
        let denied = try await fixture.store.events(AuditFilter(action: "auth.denied"), limit: 10, cursor: nil).items
        #expect(denied.count == 3 && denied.allSatisfy { $0.outcome == .denied && $0.actorKind == .token })
    }
}
