import AsyncHTTPClient
@testable import BackupAPI
import BackupCore
import BackupRepository
import BackupStorage
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import TestSupport
import Testing

/// A fresh store in its own folder, the server's workers over it (scheduler, restores, alerts), and the
/// application over those, per test.
struct APIFixture {
    let directory: TemporaryDirectory
    let manager: BackupManager
    let services: APIServices
    var store: any ConfigurationStore { manager.store }

    static let logger = Logger(label: "pgbm.test.api") { _ in SwiftLogNoOpLogHandler() }
    /// The server's HTTP clients (connection errors reported at once, not retried until the deadline),
    /// shared by every test and never shut down.
    static let http = BackupManager.Configuration.HTTPClientSet.make()

    /// The server's composition (``BackupManager``, role `server`) over a fresh data folder.
    /// - Parameter backupDirectory: the installation's backup folder (default: `backups` in the fixture's folder).
    init(backupDirectory: String? = nil) async throws {
        directory = try TemporaryDirectory()
        var configuration = BackupManager.Configuration(
            dataDirectory: directory.path("data"), backupDirectory: backupDirectory ?? directory.path("backups"), environment: [:])
        configuration.httpClients = Self.http
        manager = try await BackupManager.open(configuration, logger: Self.logger)
        services = try await APIServices(manager: manager)
    }

    /// Runs `body` against the application's router (no socket), as a new user with `role` (`nil`: no
    /// credentials at all).
    func test<Value>(as role: User.Role? = .admin, _ body: @Sendable (APIClient) async throws -> Value) async throws -> Value {
        let headers: HTTPFields
        if let role { headers = try await authorization(role) } else { headers = [:] }
        let app = buildApplication(
            configuration: APIConfiguration(host: "127.0.0.1", port: 0, version: "9.9.9-test"), services: services,
            logger: Self.logger)
        return try await app.test(.router) { client in try await body(APIClient(client: client, headers: headers)) }
    }

    /// `Authorization: Bearer …` of a new user with `role` and an API token (made in the store directly).
    func authorization(_ role: User.Role = .admin, username: String? = nil) async throws -> HTTPFields {
        let name = username ?? "\(role.rawValue)-\(UUID().uuidString.prefix(8))"
        let user = try await store.createUser(User(username: name, passwordHash: "not-a-bcrypt-hash", role: role))
        let token = TokenDigest.newToken(prefix: "pgbm_")
        _ = try await store.createToken(APIToken(userId: user.id ?? 0, name: "test", tokenHash: TokenDigest.digest(token)))
        return [.authorization: "Bearer \(token)"]
    }
}

/// A response body as JSON.
struct JSONBody: @unchecked Sendable {
    // @unchecked: an immutable tree of JSONSerialization values, read only in the test that made it.
    let value: Any

    init(_ response: TestResponse) throws {
        value = try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView), options: [.fragmentsAllowed])
    }

    subscript(key: String) -> JSONBody? {
        guard let object = value as? [String: Any], let child = object[key] else { return nil }
        return JSONBody(raw: child)
    }

    private init(raw: Any) { value = raw }

    var string: String? { value as? String }
    var int: Int? { value as? Int }
    var bool: Bool? { value as? Bool }
    var array: [JSONBody] { (value as? [Any])?.map { JSONBody(raw: $0) } ?? [] }
    var keys: Set<String> { Set((value as? [String: Any])?.keys.map { $0 } ?? []) }
}

/// The test client with a caller's credentials added to every request.
struct APIClient: Sendable {
    let client: any TestClientProtocol
    /// Sent with every request (`Authorization`, or nothing for an anonymous caller).
    let headers: HTTPFields

    /// Sends `json` (a JSON text) with `method` to `uri`, with the caller's credentials and `extra` headers.
    func send(_ method: HTTPRequest.Method, _ uri: String, json: String? = nil, headers extra: HTTPFields = [:]) async throws -> TestResponse {
        var fields = headers
        if json != nil { fields[.contentType] = "application/json" }
        fields.append(contentsOf: extra)
        return try await client.execute(uri: uri, method: method, headers: fields, body: json.map { ByteBuffer(string: $0) })
    }

    /// Sends raw `body` bytes with the caller's credentials and `extra` headers.
    func send(_ method: HTTPRequest.Method, _ uri: String, body: ByteBuffer, headers extra: HTTPFields) async throws -> TestResponse {
        var fields = headers
        fields.append(contentsOf: extra)
        return try await client.execute(uri: uri, method: method, headers: fields, body: body)
    }

    /// Creates a database through the API and returns its id.
    func createDatabase(name: String, host: String = "db.internal", port: Int = 5432, password: String? = nil) async throws -> Int {
        let passwordField = password.map { #", "password": "\#($0)""# } ?? ""
        let response = try await send(
            .post, "/api/config/databases",
            json: #"{"name": "\#(name)", "host": "\#(host)", "port": \#(port), "database": "app", "user": "backup"\#(passwordField)}"#)
        #expect(response.status == .created)
        return try #require(try JSONBody(response)["id"]?.int)
    }
}

/// Checks that `response` is the API's error shape with `status`, `code` and `field`.
func expectError(
    _ response: TestResponse, status: HTTPResponse.Status, code: String, field: String? = nil,
    sourceLocation: SourceLocation = #_sourceLocation
) throws {
    #expect(response.status == status, sourceLocation: sourceLocation)
    #expect(response.headers[.contentType]?.hasPrefix("application/json") == true, sourceLocation: sourceLocation)
    let error = try #require(try JSONBody(response)["error"], sourceLocation: sourceLocation)
    #expect(error["code"]?.string == code, sourceLocation: sourceLocation)
    #expect(error["message"]?.string?.isEmpty == false, sourceLocation: sourceLocation)
    #expect(error["field"]?.string == field, sourceLocation: sourceLocation)
}
