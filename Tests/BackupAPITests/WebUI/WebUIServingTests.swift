@testable import BackupAPI
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

/// The web UI's files served by the API's router: no credentials, content types, ETag and 304, the
/// history-router fallback to `index.html`, the security headers, and the API left untouched.
@Suite("Web UI serving")
struct WebUIServingTests {
    static let assets = UIAssets.bundled

    @Test func bundleHoldsTheUIFiles() throws {
        for path in ["/index.html", "/css/app.css", "/js/app.js", "/js/api.js", "/js/dom.js", "/js/pages/dashboard.js"] {
            #expect(Self.assets[path] != nil, "\(path) missing from the resource bundle")
        }
        #expect(Self.assets["/js/api.js"]?.contentType == "text/javascript; charset=utf-8")
        #expect(Self.assets["/css/app.css"]?.contentType == "text/css; charset=utf-8")
    }

    @Test func rootServesIndexWithSecurityHeadersWithoutCredentials() async throws {
        let fixture = try await APIFixture()
        try await fixture.test(as: nil) { client in
            let response = try await client.send(.get, "/")
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "text/html; charset=utf-8")
            #expect(String(buffer: response.body).contains(#"<script type="module" src="/js/app.js"></script>"#))
            let csp = try #require(response.headers[.contentSecurityPolicy])
            #expect(csp.contains("default-src 'self'") && csp.contains("script-src 'self'"))
            #expect(csp.contains("frame-ancestors 'none'") && !csp.contains("unsafe-inline"))
            #expect(response.headers[.xContentTypeOptions] == "nosniff")
            #expect(response.headers[HTTPField.Name("Referrer-Policy")!] == "no-referrer")
            #expect(response.headers[.cacheControl] == "no-cache")
            #expect(response.headers[.eTag] == Self.assets.index?.etag)
        }
    }

    @Test func filesAreServedAsBundledWithTheirContentType() async throws {
        let fixture = try await APIFixture()
        try await fixture.test(as: nil) { client in
            for (path, type) in [("/js/app.js", "text/javascript"), ("/css/app.css", "text/css"), ("/favicon.svg", "image/svg+xml")] {
                let response = try await client.send(.get, path)
                #expect(response.status == .ok, "\(path)")
                #expect(response.headers[.contentType]?.hasPrefix(type) == true, "\(path)")
                #expect(response.body == Self.assets[path]?.body, "\(path)")
                #expect(response.headers[.contentSecurityPolicy] != nil)
            }
        }
    }

    @Test func unknownPathsGetIndexButMissingFilesAre404() async throws {
        let fixture = try await APIFixture()
        try await fixture.test(as: nil) { client in
            for path in ["/databases/3", "/restore/jobs/12", "//backups", "/../Package.swift", "/%2e%2e/etc"] {
                let response = try await client.send(.get, path)
                #expect(response.status == .ok, "\(path)")
                #expect(response.body == Self.assets.index?.body, "\(path)")
            }
            for path in ["/js/missing.js", "/css/none.css", "/favicon.ico"] {
                let response = try await client.send(.get, path)
                #expect(response.status == .notFound, "\(path)")
                #expect(response.headers[.contentType] == "text/plain; charset=utf-8")
            }
        }
    }

    @Test func matchingETagIs304AndHeadHasNoBody() async throws {
        let fixture = try await APIFixture()
        let etag = try #require(Self.assets["/js/api.js"]?.etag)
        try await fixture.test(as: nil) { client in
            let cached = try await client.send(.get, "/js/api.js", headers: [.ifNoneMatch: "\"other\", \(etag)"])
            #expect(cached.status == .notModified)
            #expect(cached.body.readableBytes == 0)
            #expect(cached.headers[.eTag] == etag)
            let stale = try await client.send(.get, "/js/api.js", headers: [.ifNoneMatch: "\"other\""])
            #expect(stale.status == .ok)
            let head = try await client.send(.head, "/")
            #expect(head.status == .ok)
            #expect(head.body.readableBytes == 0)
            #expect(head.headers[.contentLength] == String(Self.assets.index?.body.readableBytes ?? -1))
        }
    }

    @Test func apiAndMetricsPathsAreNotTheUIs() async throws {
        let fixture = try await APIFixture()
        try await fixture.test(as: nil) { client in
            let unknown = try await client.send(.get, "/api/nothing-here")
            #expect(unknown.status == .unauthorized || unknown.status == .notFound)
            #expect(unknown.headers[.contentType]?.hasPrefix("application/json") == true)
            #expect(try await client.send(.get, "/api/config/databases").status == .unauthorized)
            #expect(try await client.send(.get, "/metrics").status == .unauthorized)
            let post = try await client.send(.post, "/")
            #expect(post.status != .ok)
        }
    }

    @Test func pagesHaveNoInlineScriptsOrHandlers() throws {
        let html = String(buffer: try #require(Self.assets.index?.body))
        let scripts = html.ranges(of: "<script").count
        #expect(scripts == html.ranges(of: "<script type=\"module\" src=").count)
        #expect(!html.contains(" onclick=") && !html.contains(" onload=") && !html.contains(" style="))
        for (path, asset) in Self.assets.files where path.hasSuffix(".js") {
            let text = String(buffer: asset.body)
            #expect(!text.contains("innerHTML") && !text.contains("eval("), "\(path) builds HTML from strings")
        }
    }
}
