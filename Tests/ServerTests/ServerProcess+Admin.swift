import Foundation
import NIOHTTP1
import Testing

extension ServerProcess {
    /// The one-time setup token the server logged on its first start.
    func setupToken() throws -> String {
        let line = try #require(log.split(separator: "\n").first { $0.contains("pgbm.setup.token=") }, "no setup token; log:\n\(log)")
        return try #require(line.firstMatch(of: #/pgbm\.setup\.token=(\S+)/#).map { String($0.1) })
    }

    /// Creates the first admin with the logged setup token, logs in, and returns a new API token of that
    /// admin (made with the session cookie and its CSRF header, as the web UI would).
    func adminToken(username: String = "admin", password: String = "admin-password-1") async throws -> String {
        let anonymous = HTTPCaller(baseURL: baseURL)
        let setup = try await anonymous.call(
            .POST, "/api/auth/setup",
            json: #"{"setup_token": "\#(try setupToken())", "username": "\#(username)", "password": "\#(password)"}"#)
        try #require(setup.status == 201, "setup: \(setup.text)")
        let login = try await anonymous.call(.POST, "/api/auth/login", json: #"{"username": "\#(username)", "password": "\#(password)"}"#)
        try #require(login.status == 200, "login: \(login.text)")
        let cookie = try #require(login.headers["set-cookie"].first?.split(separator: ";").first.map(String.init))
        let csrf = try #require(login.json["csrf_token"] as? String)
        let created = try await anonymous.call(
            .POST, "/api/tokens", json: #"{"name": "tests"}"#, headers: [("Cookie", cookie), ("X-CSRF-Token", csrf)])
        try #require(created.status == 201, "token: \(created.text)")
        return try #require(created.json["token"] as? String)
    }

    /// A caller with a new admin's API token.
    func admin() async throws -> HTTPCaller {
        HTTPCaller(baseURL: baseURL, token: try await adminToken())
    }
}

extension ServerProcess {
    /// A started server (fresh folders, `environment` added) that answers health and has its first admin
    /// `username` with `password`; it is stopped when the value goes away.
    static func withFirstAdmin(
        environment: [String: String] = [:], username: String = "root", password: String = "root-password-1"
    ) async throws -> ServerProcess {
        let server = try ServerProcess(environment: environment)
        try server.start()
        _ = try #require(try await server.waitUntilHealthy(timeout: .seconds(20)), "log:\n\(server.log)")
        _ = try await server.adminToken(username: username, password: password)
        return server
    }
}
