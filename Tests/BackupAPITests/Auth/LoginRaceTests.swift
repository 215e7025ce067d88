@testable import BackupAPI
import BackupCore
import BackupRepository
import Foundation
import HTTPTypes
import HummingbirdTesting
import Synchronization
import Testing

/// The login limit when guesses overlap: an attempt takes its place in the limit before the bcrypt
/// comparison, so attempts still in flight count.
@Suite("Auth: login limit under parallel guesses")
struct LoginRaceTests {
    static let password = AuthLoginTests.password

    /// Sends `count` logins for `username` with `password` at once; their statuses.
    static func parallelLogins(
        _ client: APIClient, count: Int, username: String = "alice", password: String = "not-the-password"
    ) async throws -> [HTTPResponse.Status] {
        try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
            for _ in 0..<count {
                group.addTask {
                    try await client.send(.post, "/api/auth/login", json: AuthLoginTests.credentials(username, password)).status
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
    }

    @Test("40 parallel wrong passwords: at most 5 are checked (401), the rest get 429, then the right one too")
    func parallelWrongPasswords() async throws {
        let fixture = try await APIFixture()
        try await fixture.createUser("alice", password: Self.password)
        try await fixture.anonymous { client in
            // When 40 wrong passwords for alice arrive together
            let statuses = try await Self.parallelLogins(client, count: 40)
            // Then only the limit's worth reached bcrypt
            #expect(statuses.filter { $0 == .unauthorized }.count <= 5, "\(statuses)")
            #expect(statuses.filter { $0 == .tooManyRequests }.count >= 35, "\(statuses)")
            // And the right password is refused while the lockout lasts
            let right = try await client.send(.post, "/api/auth/login", json: AuthLoginTests.credentials())
            try expectError(right, status: .tooManyRequests, code: "rate_limited")
            #expect(right.headers[.setCookie] == nil)
        }
        // Refused attempts are not audited: only the ones that were checked
        let failures = try await fixture.store.events(AuditFilter(action: "auth.login"), limit: 100, cursor: nil).items
        #expect(failures.count <= 5 && failures.allSatisfy { $0.outcome == .failure })
    }

    @Test("a lockout of 2 s: the right password is refused until it ends, then logs in")
    func lockoutEnds() async throws {
        let fixture = try await APIFixture()
        try await fixture.createUser("alice", password: Self.password)
        let time = ManualTime(Date(timeIntervalSince1970: 2_000_000_000))
        var configuration = APIConfiguration(
            port: 0, version: "9.9.9-test", loginRateLimit: .init(failures: 3, lockout: .seconds(2)))
        configuration.loginRateLimit.now = { time.now }
        try await fixture.anonymous(configuration: configuration) { client in
            // Given alice locked out by 10 parallel wrong passwords
            let statuses = try await Self.parallelLogins(client, count: 10)
            #expect(statuses.filter { $0 == .unauthorized }.count <= 3, "\(statuses)")
            // When the right password comes 1.9 s later, it is refused with the time left
            time.advance(by: 1.9)
            let refused = try await client.send(.post, "/api/auth/login", json: AuthLoginTests.credentials())
            try expectError(refused, status: .tooManyRequests, code: "rate_limited")
            #expect(refused.headers[.retryAfter] == "1")
            // Then once the lockout is over it logs in
            time.advance(by: 0.1)
            _ = try await client.login("alice", Self.password)
        }
    }

    @Test("a success clears the username's failures: the limit starts over for it")
    func successClears() async throws {
        let fixture = try await APIFixture()
        try await fixture.createUser("alice", password: Self.password)
        let configuration = APIConfiguration(
            port: 0, version: "9.9.9-test", trustForwardedFor: true, loginRateLimit: .init(failures: 3, lockout: .seconds(900)))
        try await fixture.anonymous(configuration: configuration) { client in
            // Given two failures for alice, then her successful login
            for address in ["10.0.0.1", "10.0.0.2"] {
                let response = try await client.send(
                    .post, "/api/auth/login", json: AuthLoginTests.credentials("alice", "not-the-password"),
                    headers: [HTTPField.Name("X-Forwarded-For")!: address])
                #expect(response.status == .unauthorized)
            }
            _ = try await client.login("alice", Self.password, headers: [HTTPField.Name("X-Forwarded-For")!: "10.0.0.3"])
            // Then two more failures from new addresses are still checked (401), the third is the limit again
            var statuses: [HTTPResponse.Status] = []
            for address in ["10.0.0.4", "10.0.0.5", "10.0.0.6", "10.0.0.7"] {
                statuses.append(
                    try await client.send(
                        .post, "/api/auth/login", json: AuthLoginTests.credentials("alice", "not-the-password"),
                        headers: [HTTPField.Name("X-Forwarded-For")!: address]
                    ).status)
            }
            #expect(statuses == [.unauthorized, .unauthorized, .unauthorized, .tooManyRequests])
        }
    }
}

/// Wall-clock time that moves only when the test says so.
final class ManualTime: Sendable {
    private let current: Mutex<Date>

    init(_ start: Date) { current = Mutex(start) }

    var now: Date { current.withLock { $0 } }

    func advance(by seconds: TimeInterval) { current.withLock { $0 += seconds } }
}
