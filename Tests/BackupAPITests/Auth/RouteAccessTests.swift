@testable import BackupAPI
import BackupRepository
import Foundation
import HTTPTypes
import NIOCore
import Hummingbird
import HummingbirdTesting
import Testing

/// Every route the router has, including those added after this test was written, is checked against
/// ``AccessPolicy``: anonymous callers get a 401 on non-public routes, viewers a 403 on everything the
/// policy keeps from them.
@Suite("Route access, over every registered route")
struct RouteAccessTests {
    /// The router's routes as method and a concrete path (`{id}` and other parameters become `1`).
    static func registeredRoutes(_ fixture: APIFixture) -> [(HTTPRequest.Method, String)] {
        let router = buildRouter(configuration: APIConfiguration(port: 0), services: fixture.services)
        return router.routes.map { route in
            let path = route.path.description
                .replacing(#/\{[^}]*\}/#, with: "1").replacing(#/\*+/#, with: "x")
            return (route.method, path)
        }
    }

    @Test("the router lists the auth routes, so the checks below see every route")
    func listsRoutes() async throws {
        let routes = Self.registeredRoutes(try await APIFixture()).map { "\($0.0) \($0.1)" }
        #expect(routes.contains("POST /api/auth/login"))
        #expect(routes.contains("DELETE /api/users/1"))
        #expect(routes.contains("GET /api/config/databases"))
    }

    @Test("every non-public route answers 401 without credentials, with WWW-Authenticate: Bearer")
    func anonymous() async throws {
        let fixture = try await APIFixture()
        let routes = Self.registeredRoutes(fixture).filter { !AccessPolicy.Route(method: $0.0, path: $0.1).isPublic }
        #expect(routes.count >= 10)
        try await fixture.test(as: nil) { client in
            for (method, path) in routes {
                let response = try await client.send(method, path, json: method == .get ? nil : "{}")
                #expect(response.status == .unauthorized, "\(method) \(path)")
                #expect(response.headers[.wwwAuthenticate] == "Bearer", "\(method) \(path)")
            }
        }
    }

    @Test("a viewer gets 403 on every route it may not call: all changes but its own logout and tokens, users, downloads")
    func viewer() async throws {
        let fixture = try await APIFixture()
        let routes = Self.registeredRoutes(fixture).filter { method, path in
            let route = AccessPolicy.Route(method: method, path: path)
            return !route.isPublic && (method != .get && method != .head || !route.permits(.viewer))
        }
        // Token 1 (the `{id}` substituted) belongs to an admin, so the viewer's DELETE /api/tokens/1 is a 404,
        // not the revocation of its own token.
        _ = try await fixture.authorization(.admin)
        try await fixture.test(as: .viewer) { client in
            for (method, path) in routes {
                let route = AccessPolicy.Route(method: method, path: path)
                let response = try await client.send(method, path, json: method == .get ? nil : "{}")
                if route.permits(.viewer) {
                    #expect(response.status != .forbidden && response.status != .unauthorized, "\(method) \(path)")
                } else {
                    try expectError(response, status: .forbidden, code: "forbidden")
                }
            }
        }
        let nonGet = routes.filter { $0.0 != .get && $0.0 != .head }.map { "\($0.0) \($0.1)" }
        #expect(nonGet.contains("POST /api/users") && nonGet.contains("POST /api/config/databases"))
    }
}
