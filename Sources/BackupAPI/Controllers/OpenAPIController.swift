import Hummingbird
import NIOCore

/// `GET /api/openapi.json`: the OpenAPI 3.1 document of every route (no authentication).
struct OpenAPIController: Sendable {
    /// The document's text, built once.
    let text: String

    init(version: String) {
        text = OpenAPIDocument.document(version: version).jsonText()
    }

    /// The routes, to mount at `/api/openapi.json`.
    var routes: RouteCollection<APIRequestContext> {
        let routes = RouteCollection(context: APIRequestContext.self)
        routes.get(use: document)
        return routes
    }

    @Sendable func document(_ request: Request, context: APIRequestContext) async throws -> Response {
        Response(
            status: .ok, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }
}
