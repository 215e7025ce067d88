import BackupAPI
import BackupCore
import BackupRepository
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import Testing
import TestSupport

/// The HTTP API (``buildApplication``, no socket) over a data folder `pgbm-cli` wrote to, to read the API's
/// JSON of the records the CLI printed.
struct CLIAPIFixture {
    let manager: BackupManager
    let services: APIServices
    /// `Authorization: Bearer …` of an admin made for the fixture (the user is in the store from then on).
    let headers: HTTPFields

    static let logger = Logger(label: "pgbm.test.cli-api") { _ in SwiftLogNoOpLogHandler() }
    /// Shared by every test and never shut down (as the API tests').
    static let http = BackupManager.Configuration.HTTPClientSet.make()

    /// Opens the installation in `dataDirectory` as another CLI process would (leaving the work of live
    /// processes alone) and adds an admin with an API token.
    init(dataDirectory: String, backupDirectory: String) async throws {
        var configuration = BackupManager.Configuration(
            dataDirectory: dataDirectory, backupDirectory: backupDirectory, environment: [:], role: .cli)
        configuration.httpClients = Self.http
        manager = try await BackupManager.open(configuration, logger: Self.logger)
        services = try await APIServices(manager: manager)
        let name = "api-\(UUID().uuidString.prefix(8).lowercased())"
        let user = try await manager.store.createUser(
            User(username: name, passwordHash: "not-a-bcrypt-hash", role: .admin))
        let token = TokenDigest.newToken(prefix: "pgbm_")
        _ = try await manager.store.createToken(
            APIToken(userId: user.id ?? 0, name: "test", tokenHash: TokenDigest.digest(token)))
        headers = [.authorization: "Bearer \(token)"]
    }

    /// The API over the CLI fixture's data folder (its backup folder: `backups` beside it).
    init(_ cli: CLIStoreFixture) async throws {
        try await self.init(dataDirectory: cli.dataDirectory, backupDirectory: cli.directory.path("backups"))
    }

    /// The JSON bodies of `GET` on each of `uris`, in order; every answer must be a `200`.
    func get(_ uris: String...) async throws -> [Any] {
        let app = buildApplication(
            configuration: APIConfiguration(host: "127.0.0.1", port: 0, version: "9.9.9-test"), services: services,
            logger: Self.logger)
        let headers = headers
        let bodies = try await app.test(.router) { client in
            var bodies: [Data] = []
            for uri in uris {
                let response = try await client.execute(uri: uri, method: .get, headers: headers)
                try #require(response.status == .ok, "GET \(uri): \(String(buffer: response.body))")
                bodies.append(Data(response.body.readableBytesView))
            }
            return bodies
        }
        return try bodies.map { try JSONSerialization.jsonObject(with: $0, options: [.fragmentsAllowed]) }
    }

    /// Sends `method` to `uri` with the JSON `body` (when given) as the fixture's admin; the status and the
    /// JSON answer (`nil` for an empty body).
    func send(_ method: HTTPRequest.Method, _ uri: String, body: String? = nil) async throws -> (status: HTTPResponse.Status, body: Any?) {
        let app = buildApplication(
            configuration: APIConfiguration(host: "127.0.0.1", port: 0, version: "9.9.9-test"), services: services,
            logger: Self.logger)
        var headers = headers
        if body != nil { headers[.contentType] = "application/json" }
        let sent = headers
        let (status, data) = try await app.test(.router) { client in
            let response = try await client.execute(
                uri: uri, method: method, headers: sent, body: body.map { ByteBuffer(string: $0) })
            return (response.status, Data(response.body.readableBytesView))
        }
        return (status, data.isEmpty ? nil : try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]))
    }
}
