import HTTPTypes
import Hummingbird
import NIOCore

/// Serves the web UI: `GET`/`HEAD` of any path outside `/api/` and `/metrics` is answered from
/// ``UIAssets`` before the router sees it. A known file is served as is; `/` and any other path whose
/// last segment has no dot get `index.html` (so the UI's router may use history paths); a missing file
/// with an extension is a plain `404`. Every answer carries an ETag (`If-None-Match` → `304`),
/// `Cache-Control: no-cache` (file names carry no content hash, so browsers revalidate) and the UI's
/// security headers.
struct UIMiddleware: RouterMiddleware {
    typealias Context = APIRequestContext
    let assets: UIAssets

    /// Self only, no inline script or style, never framed.
    static let contentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
        + "font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.method == .get || request.method == .head, let path = Self.uiPath(request.uri.path) else {
            return try await next(request, context)
        }
        guard let asset = assets[path] ?? (Self.looksLikeFile(path) ? nil : assets.index) else {
            return Self.response(status: .notFound, body: ByteBuffer(string: "Not found\n"),
                                 contentType: "text/plain; charset=utf-8", etag: nil, head: false)
        }
        if let header = request.headers[.ifNoneMatch], Self.matches(header, etag: asset.etag) {
            return Self.response(status: .notModified, body: ByteBuffer(), contentType: nil, etag: asset.etag, head: true)
        }
        return Self.response(status: .ok, body: asset.body, contentType: asset.contentType, etag: asset.etag,
                             head: request.method == .head)
    }

    /// The path if it belongs to the UI (not the API, not the metrics), normalised to start with `/`.
    static func uiPath(_ raw: String) -> String? {
        let segments = raw.split(separator: "/", omittingEmptySubsequences: true)
        if let first = segments.first, first == "api" || first == "metrics" { return nil }
        if segments.contains(where: { $0 == ".." || $0 == "." }) { return "/" }
        return "/" + segments.joined(separator: "/")
    }

    /// Whether an `If-None-Match` list (`"a", "b"`, or `*`) names `etag`.
    static func matches(_ header: String, etag: String) -> Bool {
        header.split(separator: ",").contains { candidate in
            let tag = candidate.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed()
            return String(tag) == etag || String(tag) == "*"
        }
    }

    private static func looksLikeFile(_ path: String) -> Bool {
        path.split(separator: "/").last?.contains(".") ?? false
    }

    private static func response(
        status: HTTPResponse.Status, body: ByteBuffer, contentType: String?, etag: String?, head: Bool
    ) -> Response {
        var headers: HTTPFields = [
            .contentSecurityPolicy: contentSecurityPolicy,
            .xContentTypeOptions: "nosniff",
            .referrerPolicy: "no-referrer",
            .xFrameOptions: "DENY",
            .cacheControl: "no-cache",
        ]
        if let contentType { headers[.contentType] = contentType }
        if let etag { headers[.eTag] = etag }
        headers[.contentLength] = String(body.readableBytes)
        return Response(status: status, headers: headers, body: head ? ResponseBody() : ResponseBody(byteBuffer: body))
    }
}

extension HTTPField.Name {
    static let referrerPolicy = Self("Referrer-Policy")!
    static let xFrameOptions = Self("X-Frame-Options")!
}
