import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import TestSupport
import Testing

/// The login limit against the built server, attacked as a hostile client would: many wrong guesses at
/// once, each on its own connection, so they are all in flight during the bcrypt comparison.
@Suite("pgbm-server login limit under parallel guesses", .serialized, .timeLimit(.minutes(1)))
struct ServerLoginRaceTests {
    static let password = "root-password-1"

    @Test("40 parallel wrong passwords for one user from 40 addresses: at most 5 are checked (401), the rest 429")
    func parallelGuessesForOneUser() async throws {
        // Given the server trusting X-Forwarded-For, so each guess comes from its own address
        let server = try await ServerProcess.withFirstAdmin(
            environment: ["PGBM_TRUST_FORWARDED_FOR": "true"], password: Self.password)
        defer { server.stop() }
        let baseURL = server.baseURL

        try await Self.withClient { client in
            // When 40 wrong passwords for root arrive at once
            let answers = try await withThrowingTaskGroup(of: LoginAnswer.self) { group in
                for index in 0..<40 {
                    group.addTask {
                        try await Self.logIn(client, baseURL, "root", "wrong-password-\(index)", from: "10.0.0.\(index + 1)")
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            // Then only the limit's worth were checked; every other one was refused before bcrypt
            let statuses = answers.map(\.status)
            #expect(statuses.filter { $0 == 401 }.count <= 5, "\(statuses)")
            #expect(statuses.filter { $0 == 429 }.count >= 35, "\(statuses)")
            #expect(statuses.allSatisfy { $0 == 401 || $0 == 429 }, "\(statuses)")

            // And the right password, from an address that never failed, is refused while root is locked
            let right = try await Self.logIn(client, baseURL, "root", Self.password, from: "10.0.1.1")
            #expect(right.status == 429 && right.cookie == nil, "\(right)")
            #expect((1...900).contains(right.retryAfter ?? 0), "\(right)")
        }
    }

    @Test("100 guesses from one address, the right one last: at most 5 are checked and none logs in")
    func guessesFromOneAddress() async throws {
        // Given the server on loopback: every guess comes from 127.0.0.1
        let server = try await ServerProcess.withFirstAdmin(password: Self.password)
        defer { server.stop() }
        let baseURL = server.baseURL

        try await Self.withClient { client in
            // When 99 wrong guesses, each for another username, arrive at once, and the right password for
            // root follows as soon as one of them was refused (or all were answered)
            let (wrong, right) = try await withThrowingTaskGroup(of: LoginAnswer.self) { group in
                for index in 0..<99 {
                    group.addTask { try await Self.logIn(client, baseURL, "guess-\(index)", "wrong-password-\(index)") }
                }
                var wrong: [LoginAnswer] = []
                while let answer = try await group.next() {
                    wrong.append(answer)
                    if answer.status == 429 { break }
                }
                let right = try await Self.logIn(client, baseURL, "root", Self.password)
                while let answer = try await group.next() { wrong.append(answer) }
                return (wrong, right)
            }
            // Then the address's limit held for guesses in flight, and the right password did not get in
            let statuses = wrong.map(\.status)
            #expect(statuses.filter { $0 == 401 }.count <= 5, "\(statuses)")
            #expect(statuses.allSatisfy { $0 == 401 || $0 == 429 }, "\(statuses)")
            #expect(right.status == 429 && right.cookie == nil, "\(right)")
        }
    }

    /// A login's status, its session cookie and its `Retry-After`.
    struct LoginAnswer: Sendable, CustomStringConvertible {
        let status: Int
        let cookie: String?
        let retryAfter: Int?
        var description: String { "\(status) cookie: \(cookie != nil) retry-after: \(retryAfter.map(String.init) ?? "-")" }
    }

    /// `POST /api/auth/login` on a connection of its own (`from`: the `X-Forwarded-For` address).
    static func logIn(
        _ client: HTTPClient, _ baseURL: String, _ username: String, _ password: String, from address: String? = nil
    ) async throws -> LoginAnswer {
        var request = HTTPClientRequest(url: baseURL + "/api/auth/login")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        if let address { request.headers.add(name: "X-Forwarded-For", value: address) }
        request.body = .bytes(ByteBuffer(string: #"{"username": "\#(username)", "password": "\#(password)"}"#))
        let response = try await client.execute(request, timeout: .seconds(30))
        _ = try await response.body.collect(upTo: 1 << 20)
        return LoginAnswer(
            status: Int(response.status.code), cookie: response.headers["set-cookie"].first,
            retryAfter: response.headers["retry-after"].first.flatMap { Int($0) })
    }

    /// Runs `body` with a client that opens up to 128 connections to one host at once (the shared
    /// client's 8 would queue the guesses instead of sending them together).
    static func withClient(_ body: (HTTPClient) async throws -> Void) async throws {
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool = .init(idleTimeout: .seconds(10), concurrentHTTP1ConnectionsPerHostSoftLimit: 128)
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        do {
            try await body(client)
        } catch {
            try await client.shutdown()
            throw error
        }
        try await client.shutdown()
    }
}
