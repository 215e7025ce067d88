@testable import BackupAPI
import BackupRepository
import Foundation
import HTTPTypes
import NIOCore
import HummingbirdTesting
import Testing

@Suite("API tokens")
struct TokenControllerTests {
    @Test("a token is shown once, works as a bearer credential with its user's role, and stops working when revoked")
    func lifecycle() async throws {
        let fixture = try await APIFixture()
        try await fixture.createUser("carol", password: "carol-password-1", role: .viewer)
        try await fixture.anonymous { client in
            let session = try await client.login("carol", "carol-password-1")
            let created = try await client.send(.post, "/api/tokens", json: #"{"name": "ci"}"#, headers: session.headers())
            #expect(created.status == .created)
            let body = try JSONBody(created)
            let value = try #require(body["token"]?.string)
            let id = try #require(body["id"]?.int)
            #expect(value.hasPrefix("pgbm_"))

            // The list never shows the value again
            let listed = try await client.send(.get, "/api/tokens", headers: [.authorization: "Bearer \(value)"])
            #expect(listed.status == .ok)
            #expect(!String(buffer: listed.body).contains(value))
            #expect(try JSONBody(listed)["items"]?.array.first?["name"]?.string == "ci")

            // The token acts as the viewer: reads yes, changes no, and needs no CSRF header
            let bearer: HTTPFields = [.authorization: "Bearer \(value)"]
            let me = try JSONBody(try await client.send(.get, "/api/auth/me", headers: bearer))
            #expect(me["credential"]?.string == "token" && me["csrf_token"] == nil)
            try expectError(
                try await client.send(.post, "/api/config/databases", json: "{}", headers: bearer), status: .forbidden,
                code: "forbidden")

            // Revoked: 401
            #expect(try await client.send(.delete, "/api/tokens/\(id)", headers: bearer).status == .noContent)
            try expectError(try await client.send(.get, "/api/auth/me", headers: bearer), status: .unauthorized, code: "unauthenticated")
        }
        let events = try await fixture.store.events(AuditFilter(targetType: "token"), limit: 10, cursor: nil).items
        #expect(Set(events.map(\.action)) == ["token.create", "token.revoke"])
        #expect(events.first { $0.action == "token.revoke" }?.actorKind == .token)
    }

    @Test("using a token records last_used_at")
    func lastUsed() async throws {
        let fixture = try await APIFixture()
        let store = fixture.store
        try await fixture.test { client in
            let response = try await client.send(.get, "/api/auth/me")
            #expect(response.status == .ok)
        }
        let user = try #require(try await store.users().first)
        #expect(try await store.tokens(userId: user.id ?? 0).first?.lastUsedAt != nil)
    }

    @Test("bad bodies are a 422 naming the field; another user's token is a 404 to a viewer; all=true is for admins")
    func validationAndOwnership() async throws {
        let fixture = try await APIFixture()
        let adminHeaders = try await fixture.authorization(.admin)
        let adminUser = try await fixture.store.users().first
        let adminTokens: [APIToken] = if let adminUser { try await fixture.store.tokens(userId: adminUser.id ?? 0) } else { [] }
        let adminTokenId = try #require(adminTokens.first?.id)
        try await fixture.test(as: .viewer) { client in
            try expectError(
                try await client.send(.post, "/api/tokens", json: #"{"name": ""}"#), status: .unprocessableContent, code: "invalid",
                field: "name")
            try expectError(
                try await client.send(.post, "/api/tokens", json: #"{"name": "x", "expires_at": "2001-01-01T00:00:00Z"}"#),
                status: .unprocessableContent, code: "invalid", field: "expires_at")
            try expectError(
                try await client.send(.post, "/api/tokens", json: #"{"expires_at": "2091-01-01T00:00:00Z"}"#),
                status: .unprocessableContent, code: "invalid", field: "name")
            try expectError(try await client.send(.delete, "/api/tokens/\(adminTokenId)"), status: .notFound, code: "not_found")
            try expectError(try await client.send(.delete, "/api/tokens/99999"), status: .notFound, code: "not_found")
            try expectError(try await client.send(.get, "/api/tokens?all=true"), status: .forbidden, code: "forbidden")
        }
        try await fixture.test(as: nil) { client in
            let all = try JSONBody(try await client.send(.get, "/api/tokens?all=true", headers: adminHeaders))
            #expect(all["items"]?.array.count == 2)
            let own = try JSONBody(try await client.send(.get, "/api/tokens", headers: adminHeaders))
            #expect(own["items"]?.array.count == 1)
        }
    }
}
