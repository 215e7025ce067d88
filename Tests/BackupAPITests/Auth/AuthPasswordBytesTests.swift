@testable import BackupAPI
import BackupCore
import BackupRepository
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

/// Passwords bcrypt would not hash whole (issue 18, finding 3): bcrypt stops at a NUL byte and reads at
/// most 72 bytes, so `"\u0000AAAA…"` was stored as the hash of the empty password.
@Suite("Auth: passwords bcrypt cannot hash whole")
struct AuthPasswordBytesTests {
    /// A password as JSON text (escapes kept) and the message naming what is wrong with it.
    static let refused: [(json: String, message: String)] = [
        (#"\u0000AAAAAAAAAAAAAA"#, "must not contain control characters (U+0000 at position 1)"),
        (#"Secret\u0000AAAAAAAAAAAA"#, "must not contain control characters (U+0000 at position 7)"),
        (#"Secret\tAAAAAAAAAAAA"#, "must not contain control characters (U+0009 at position 7)"),
        (String(repeating: "A", count: 73), "must be at most 72 bytes long"),
        (String(repeating: "é", count: 37), "must be at most 72 bytes long"),
    ]

    @Test("setup, user creation and a password change refuse such a password with 422 naming it; nothing changes", arguments: refused)
    func refusedEverywhere(json: String, message: String) async throws {
        let fixture = try await APIFixture()
        // Setup: the token stays usable and no user is made
        try await fixture.anonymous(gate: SetupGate(token: "setup_t")) { client in
            let setup = try await client.send(
                .post, "/api/auth/setup", json: #"{"setup_token": "setup_t", "username": "root", "password": "\#(json)"}"#)
            try expectError(setup, status: .unprocessableContent, code: "invalid", field: "password")
            #expect(try JSONBody(setup)["error"]?["message"]?.string?.contains(message) == true, "\(String(buffer: setup.body))")
        }
        #expect(try await fixture.store.users().isEmpty)
        // Creating a user and changing a password, as an admin
        let alice = try await fixture.createUser("alice", password: "alice-password-1", role: .viewer)
        try await fixture.test { client in
            let created = try await client.send(
                .post, "/api/users", json: #"{"username": "bob", "password": "\#(json)", "role": "viewer"}"#)
            try expectError(created, status: .unprocessableContent, code: "invalid", field: "password")
            let changed = try await client.send(.put, "/api/users/\(alice.id ?? 0)", json: #"{"password": "\#(json)"}"#)
            try expectError(changed, status: .unprocessableContent, code: "invalid", field: "password")
            #expect(try JSONBody(changed)["error"]?["message"]?.string?.contains(message) == true)
        }
        #expect(try await fixture.store.user(named: "bob") == nil)
        #expect(try await fixture.store.user(named: "alice")?.passwordHash == alice.passwordHash)
    }

    @Test("a login whose password holds a NUL fails with 401, also against a hash of the part before the NUL")
    func loginWithNULNeverMatches() async throws {
        // Given users whose stored hashes are of "Secret-password" and of the empty password: what an
        // older pgbm stored for "Secret-password\u0000…" and "\u0000AAAA…"
        let fixture = try await APIFixture()
        try await fixture.createUser("alice", password: "Secret-password")
        let empty = try await PasswordHasher().hash("")
        _ = try await fixture.store.createUser(User(username: "eve", passwordHash: empty, role: .admin))
        try await fixture.anonymous { client in
            // When they log in with the NUL and any tail
            for (user, password) in [("alice", #"Secret-password\u0000ZZZZZZZZ"#), ("eve", #"\u0000AAAAAAAAAAAAAA"#), ("eve", #"\u0000"#)] {
                let response = try await client.send(.post, "/api/auth/login", json: #"{"username": "\#(user)", "password": "\#(password)"}"#)
                // Then each is refused like a wrong password
                try expectError(response, status: .unauthorized, code: "invalid_credentials")
                #expect(response.headers[.setCookie] == nil)
            }
            // And the password itself still works
            _ = try await client.login("alice", "Secret-password")
        }
        let failures = try await fixture.store.events(AuditFilter(action: "auth.login"), limit: 10, cursor: nil).items
            .filter { $0.outcome == .failure }
        #expect(failures.count == 3)
        #expect(failures.allSatisfy { $0.details.contains("wrong_password") })
    }

    @Test("the hasher refuses a NUL and never matches one, whatever calls it")
    func hasherRefusesNUL() async throws {
        let hasher = PasswordHasher()
        let error = await #expect(throws: StoreError.self) { try await hasher.hash("before\u{0}after-long-enough") }
        #expect(error?.field == "password")
        let hash = try await hasher.hash("before")
        #expect(try await hasher.verify("before", against: hash))
        #expect(try await !hasher.verify("before\u{0}after", against: hash))
        #expect(PasswordPolicy.problem(with: String(repeating: "a", count: 72)) == nil)
    }
}
