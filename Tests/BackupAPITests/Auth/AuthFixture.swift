@testable import BackupAPI
import BackupCore
import BackupRepository
import Foundation
import HTTPTypes
import NIOCore
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

/// Helpers of the authentication tests over ``APIFixture``: a chosen configuration and setup gate, real
/// users with bcrypt passwords, and logins that return the session cookie and CSRF token.
extension APIFixture {
    /// Runs `body` against the router without credentials, with `configuration`, `gate` and `logger`.
    func anonymous<Value>(
        configuration: APIConfiguration = APIConfiguration(host: "127.0.0.1", port: 0, version: "9.9.9-test"),
        gate: SetupGate = SetupGate(), logger: Logger = APIFixture.logger,
        _ body: @Sendable (APIClient) async throws -> Value
    ) async throws -> Value {
        var services = services
        services.setupGate = gate
        let app = buildApplication(configuration: configuration, services: services, logger: logger)
        return try await app.test(.router) { client in try await body(APIClient(client: client, headers: [:])) }
    }

    /// Creates a user with a real bcrypt hash of `password`.
    @discardableResult
    func createUser(_ username: String, password: String, role: User.Role = .admin, disabled: Bool = false) async throws -> User {
        let hash = try await PasswordHasher().hash(password)
        return try await store.createUser(User(username: username, passwordHash: hash, role: role, disabled: disabled))
    }
}

extension APIClient {
    /// Logs in and returns the session; the login must succeed.
    func login(_ username: String, _ password: String, headers extra: HTTPFields = [:]) async throws -> BrowserSession {
        let response = try await send(.post, "/api/auth/login", json: #"{"username": "\#(username)", "password": "\#(password)"}"#, headers: extra)
        try #require(response.status == .ok, "login: \(String(buffer: response.body))")
        let cookie = try #require(response.headers[.setCookie])
        let token = try #require(cookie.split(separator: ";").first?.split(separator: "=", maxSplits: 1).last.map(String.init))
        let csrf = try #require(try JSONBody(response)["csrf_token"]?.string)
        return BrowserSession(token: token, csrf: csrf)
    }
}
