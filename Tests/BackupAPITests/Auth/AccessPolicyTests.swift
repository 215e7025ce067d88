@testable import BackupAPI
import BackupRepository
import HTTPTypes
import NIOCore
import Testing

@Suite("AccessPolicy")
struct AccessPolicyTests {
    @Test(
        "public routes need no credentials",
        arguments: [
            (HTTPRequest.Method.get, "/api/health"), (.head, "/api/health"), (.get, "/api/openapi.json"),
            (.get, "/api/auth/setup"), (.post, "/api/auth/setup"), (.post, "/api/auth/login"), (.get, "/"),
            (.get, "/index.html"), (.get, "/assets/app.js"), (.get, "/apix/users"),
        ])
    func publicRoutes(method: HTTPRequest.Method, path: String) {
        #expect(AccessPolicy.Route(method: method, path: path).isPublic)
    }

    @Test(
        "everything else under /api and /metrics needs credentials, however the path is spelled",
        arguments: [
            (HTTPRequest.Method.get, "/api/health/detailed"), (.get, "/api/auth/me"), (.post, "/api/auth/logout"),
            (.get, "/api/users"), (.get, "//api//users/"), (.get, "/metrics"), (.get, "/api"), (.put, "/api/health"),
            (.get, "/api/auth/login"), (.delete, "/api/auth/setup"), (.get, "/api/openapi.json/x"),
        ])
    func protectedRoutes(method: HTTPRequest.Method, path: String) {
        #expect(!AccessPolicy.Route(method: method, path: path).isPublic)
    }

    @Test(
        "a viewer may read, except users and backup downloads",
        arguments: [
            ("/api/config/databases", true), ("/api/backups", true), ("/api/backups/files", true), ("/api/audit", true),
            ("/api/users", false), ("/api/users/1", false), ("//api/users", false), ("/api/backups/files/a.dump/download", false),
            ("/metrics", true),
        ])
    func viewerReads(path: String, allowed: Bool) {
        #expect(AccessPolicy.Route(method: .get, path: path).permits(.viewer) == allowed)
        #expect(AccessPolicy.Route(method: .head, path: path).permits(.viewer) == allowed)
        #expect(AccessPolicy.Route(method: .get, path: path).permits(.admin))
    }

    @Test(
        "a viewer may change only its own session and tokens",
        arguments: [
            (HTTPRequest.Method.post, "/api/auth/logout", true), (.post, "/api/tokens", true), (.delete, "/api/tokens/7", true),
            (.put, "/api/tokens/7", false), (.delete, "/api/tokens", false), (.post, "/api/config/databases", false),
            (.delete, "/api/config/databases/1", false), (.post, "/api/backups/run/1", false), (.patch, "/api/users/1", false),
            (.post, "/api/users", false),
        ])
    func viewerChanges(method: HTTPRequest.Method, path: String, allowed: Bool) {
        let route = AccessPolicy.Route(method: method, path: path)
        #expect(route.permits(.viewer) == allowed)
        #expect(route.permits(.admin))
        #expect(route.changesState)
    }

    @Test("reads do not change state; the route prints as method and normalised path")
    func description() {
        #expect(!AccessPolicy.Route(method: .get, path: "/api/users").changesState)
        #expect(!AccessPolicy.Route(method: .head, path: "/api/users").changesState)
        #expect(AccessPolicy.Route(method: .delete, path: "//api/tokens/3/").description == "DELETE /api/tokens/3")
    }
}
