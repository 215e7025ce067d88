import BackupAPI
import HTTPTypes
import HummingbirdTesting
import Testing

@Suite("Health and errors")
struct HealthControllerTests {
    @Test func healthReportsOkAndTheVersion() async throws {
        // Given a fresh application
        let fixture = try await APIFixture()
        try await fixture.test { client in
            // When the health route is asked
            let response = try await client.send(.get, "/api/health")
            // Then it answers 200 with the status and the version
            #expect(response.status == .ok)
            let body = try JSONBody(response)
            #expect(body["status"]?.string == "ok")
            #expect(body["version"]?.string == "9.9.9-test")
        }
    }

    @Test func unknownRouteIsA404InTheErrorShape() async throws {
        let fixture = try await APIFixture()
        try await fixture.test { client in
            try expectError(try await client.send(.get, "/api/nothing-here"), status: .notFound, code: "not_found")
        }
    }
}
