@testable import BackupAPI
import BackupRepository
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

@Suite("OpenAPI document")
struct OpenAPIDocumentTests {
    /// `GET /api/health` style keys of the router's routes.
    static func routerOperations(_ fixture: APIFixture) -> Set<String> {
        let router = buildRouter(configuration: APIConfiguration(), services: fixture.services)
        return Set(router.routes.map { "\($0.method.rawValue) \($0.path.description)" })
    }

    @Test func documentsExactlyTheRoutesTheRouterServes() async throws {
        let fixture = try await APIFixture()
        let documented = Set(OpenAPIDocument.routes.map { "\($0.method.uppercased()) \($0.path)" })
        let served = Self.routerOperations(fixture)
        #expect(served.subtracting(documented).sorted() == [], "served but not documented")
        #expect(documented.subtracting(served).sorted() == [], "documented but not served")
        #expect(documented.count == OpenAPIDocument.routes.count, "an operation documented twice")
    }

    @Test func everyReferencedSchemaExistsAndOperationIdsAreUnique() throws {
        let text = OpenAPIDocument.document(version: "1").jsonText()
        let names = Set(OpenAPIDocument.schemas.map(\.0))
        #expect(names.count == OpenAPIDocument.schemas.count, "a schema defined twice")
        let pattern = /#\/components\/schemas\/([A-Za-z0-9]+)/
        let referenced = Set(text.matches(of: pattern).map { String($0.output.1) })
        #expect(referenced.subtracting(names).sorted() == [])
        let ids = OpenAPIDocument.routes.compactMap { $0.operation["operationId"] }
        #expect(Set(ids.map { $0.jsonText() }).count == ids.count)
    }

    @Test func accessAnnotationsAgreeWithTheAccessPolicy() {
        for route in OpenAPIDocument.routes {
            let path = route.path.replacingOccurrences(of: #"\{[a-z_]+\}"#, with: "1", options: .regularExpression)
            let policy = AccessPolicy.Route(method: HTTPRequest.Method(route.method.uppercased())!, path: path)
            let documented = route.operation["x-pgbm-access"]
            let expected: OpenAPIValue = policy.isPublic ? "public" : policy.permits(.viewer) ? "viewer" : "admin"
            #expect(documented == expected, "\(route.method.uppercased()) \(route.path)")
        }
    }

    @Test func servedWithoutCredentialsAsJSON() async throws {
        let fixture = try await APIFixture()
        try await fixture.test(as: nil) { client in
            let response = try await client.send(.get, "/api/openapi.json")
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/json")
            let body = try JSONBody(response)
            #expect(body["openapi"]?.string == "3.1.0")
            #expect(body["paths"]?["/api/config/databases/{id}"]?["put"]?["operationId"]?.string == "updateDatabase")
        }
    }
}
