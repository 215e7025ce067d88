import BackupAPI
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import PostgresTestSupport
import TestSupport
import Testing

@Suite("Databases: connection test", .timeLimit(.minutes(1)))
struct DatabaseConnectionTests {
    @Test func unreachableServerIsOkFalseWithACode() async throws {
        let fixture = try await APIFixture()
        let port = try FreePort.next()
        try await fixture.test { client in
            // Given a database where nothing listens
            let id = try await client.createDatabase(name: "nowhere", host: "127.0.0.1", port: port, password: "secret-canary")
            // When it is tested
            let response = try await client.send(.post, "/api/config/databases/\(id)/test")
            // Then the test ran (200) and says why the connection failed
            #expect(response.status == .ok)
            let body = try JSONBody(response)
            #expect(body["ok"]?.bool == false)
            #expect(body["error"]?["code"]?.string == "unreachable")
            #expect(body["error"]?["message"]?.string?.contains("127.0.0.1:\(port)") == true)
            #expect(!String(buffer: response.body).contains("secret-canary"))
        }
    }

    @Test(.enabled(if: TestServer.available, "run Scripts/test"))
    func reachableServerReportsVersionAndSize() async throws {
        let fixture = try await APIFixture()
        let server = TestServer(major: 15)
        let host = try server.host
        let port = try server.port
        try await fixture.test { client in
            let response = try await client.send(
                .post, "/api/config/databases",
                json: #"{"name": "pg15", "host": "\#(host)", "port": \#(port), "database": "postgres", "user": "postgres", "ssl_mode": "disable"}"#)
            let id = try #require(try JSONBody(response)["id"]?.int)
            let tested = try await client.send(.post, "/api/config/databases/\(id)/test")
            #expect(tested.status == .ok)
            let body = try JSONBody(tested)
            #expect(body["ok"]?.bool == true)
            #expect(body["server_major_version"]?.int == 15)
            #expect(body["server_version"]?.string?.hasPrefix("15.") == true)
            #expect((body["database_size_bytes"]?.int ?? 0) > 0)
            #expect(body["ssl"]?.bool == false)
            #expect(body["error"] == nil)
        }
    }
}
