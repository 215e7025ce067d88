import BackupAPI
import BackupRepository
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import TestSupport
import Testing

/// A fresh store in its own folder and the application over it, per test.
struct APIFixture {
    let directory: TemporaryDirectory
    let store: SQLiteStore

    static let logger = Logger(label: "pgbm.test.api") { _ in SwiftLogNoOpLogHandler() }

    init() throws {
        directory = try TemporaryDirectory()
        store = try SQLiteStore.open(dataDirectory: directory.path("data"), environment: [:], logger: Self.logger)
    }

    /// Runs `body` against the application's router (no socket).
    func test<Value>(_ body: @Sendable (any TestClientProtocol) async throws -> Value) async throws -> Value {
        let app = buildApplication(
            configuration: APIConfiguration(host: "127.0.0.1", port: 0, version: "9.9.9-test"), store: store, logger: Self.logger)
        return try await app.test(.router, body)
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

extension TestClientProtocol {
    /// Sends `json` (a JSON text) with `method` to `uri`.
    func send(_ method: HTTPRequest.Method, _ uri: String, json: String? = nil) async throws -> TestResponse {
        let headers: HTTPFields = json == nil ? [:] : [.contentType: "application/json"]
        return try await execute(uri: uri, method: method, headers: headers, body: json.map { ByteBuffer(string: $0) })
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
