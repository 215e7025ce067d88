@testable import BackupAPI
import BackupCore
import BackupRepository
import Foundation
import HTTPTypes
import NIOCore
import HummingbirdTesting
import Logging
import TestSupport
import Testing

@Suite("Auth: passwords and tokens stay secret")
struct AuthSecretsTests {
    static let canary = "canary-password-7f3a9c"

    @Test("a canary password appears in no response, audit entry or log line")
    func canaryPassword() async throws {
        // Given a setup, a user created with the canary, logins right and wrong, a password change
        let fixture = try await APIFixture()
        let (logger, recorder) = RecordingLogHandler.logger()
        let bodies = try await fixture.anonymous(gate: SetupGate(token: "setup_c"), logger: logger) { client in
            var bodies: [String] = []
            func record(_ response: TestResponse) {
                bodies.append(String(buffer: response.body) + " " + response.headers.map { "\($0.name)=\($0.value)" }.joined())
            }
            record(try await client.send(
                .post, "/api/auth/setup", json: #"{"setup_token": "setup_c", "username": "root", "password": "\#(Self.canary)"}"#))
            let session = try await client.login("root", Self.canary)
            record(try await client.send(
                .post, "/api/users", json: #"{"username": "eve", "password": "\#(Self.canary)x", "role": "viewer"}"#,
                headers: session.headers()))
            record(try await client.send(.post, "/api/auth/login", json: #"{"username": "eve", "password": "\#(Self.canary)y"}"#))
            record(try await client.send(.post, "/api/auth/login", json: #"{"username": "ghost", "password": "\#(Self.canary)"}"#))
            record(try await client.send(.put, "/api/users/1", json: #"{"password": "\#(Self.canary)z"}"#, headers: session.headers()))
            record(try await client.send(.get, "/api/users", headers: session.headers()))
            return bodies
        }
        // Then the canary is nowhere
        #expect(bodies.count == 6)
        #expect(bodies.allSatisfy { !$0.contains(Self.canary) })
        let audit = try await fixture.store.events(AuditFilter(), limit: 100, cursor: nil).items
        #expect(audit.count >= 5)
        #expect(audit.allSatisfy { !$0.details.contains(Self.canary) && !$0.actor.contains(Self.canary) })
        #expect(!recorder.messages.isEmpty)
        #expect(recorder.messages.allSatisfy { !$0.contains(Self.canary) })
        // And the stored hashes are bcrypt, not the password
        #expect(try await fixture.store.users().allSatisfy { $0.passwordHash.hasPrefix("$2") && !$0.passwordHash.contains(Self.canary) })
    }

    @Test("bcrypt at cost 10 verifies the password and stays fast enough for a login")
    func hasherCost() async throws {
        let hasher = PasswordHasher()
        #expect(PasswordHasher.defaultCost >= 10)
        let clock = ContinuousClock()
        let start = clock.now
        let hash = try await hasher.hash("a-password-to-hash")
        let elapsed = clock.now - start
        #expect(hash.hasPrefix("$2b$10$") || hash.hasPrefix("$2a$10$") || hash.hasPrefix("$2y$10$"), "\(hash)")
        #expect(try await hasher.verify("a-password-to-hash", against: hash))
        #expect(try await !hasher.verify("another-password", against: hash))
        #expect(try await !hasher.verify("a-password-to-hash", against: nil))
        // The time is reported, not asserted: parallel test runs share the two CPUs.
        Attachment.record("cost 10 hash took \(elapsed)", named: "bcrypt-time.txt")
    }
}
