/// One operation of the OpenAPI document: a method on a path, and what it takes and answers.
struct OpenAPIRoute: Sendable {
    /// The path in OpenAPI form (`/api/backups/{id}`), as the router registers it.
    let path: String
    /// Lowercase method (`get`, `post`, …).
    let method: String
    let operation: OpenAPIValue

    /// An operation answering JSON.
    ///
    /// - Parameters:
    ///   - access: `public` routes need no credentials; `viewer` routes any user; `admin` routes an admin.
    ///   - parameters: path and query parameters (``OpenAPIRoute/pathID(_:)``, ``OpenAPIRoute/query(_:_:description:)``).
    ///   - body: the request body's schema.
    ///   - bodyType: the request body's media type (JSON unless told).
    ///   - example: a valid request body (every JSON body has one: the adversarial input test starts from it).
    ///   - responses: status code → response object; the error response is added as `default`.
    init(
        _ method: String, _ path: String, id: String, tag: String, summary: String, access: Access = .viewer,
        parameters: [OpenAPIValue] = [], body: OpenAPIValue? = nil, bodyType: String = "application/json",
        example: OpenAPIValue? = nil, responses: [(String, OpenAPIValue)]
    ) {
        self.path = path
        self.method = method
        var operation: [(String, OpenAPIValue)] = [
            ("operationId", .string(id)), ("tags", [.string(tag)]), ("summary", .string(summary)),
            ("x-pgbm-access", .string(access.rawValue)),
        ]
        let pathParameters = Self.pathParameters(path).filter { name in
            !parameters.contains { $0["name"] == .string(name) }
        }
        let allParameters = pathParameters.map { Self.pathID($0) } + parameters
        if !allParameters.isEmpty { operation.append(("parameters", .array(allParameters))) }
        if let body {
            let media: OpenAPIValue = .object([("schema", body)] + (example.map { [("example", $0)] } ?? []))
            operation.append(("requestBody", ["required": true, "content": .object([(bodyType, media)])]))
        }
        operation.append(("responses", .object(responses + [("default", ["$ref": "#/components/responses/Error"])])))
        if access == .public { operation.append(("security", [])) }
        self.operation = .object(operation)
    }

    /// Who may call an operation.
    enum Access: String, Sendable {
        case `public`, viewer, admin
    }

    /// The `{name}` parameters of `path`.
    static func pathParameters(_ path: String) -> [String] {
        path.split(separator: "/").compactMap { segment in
            segment.hasPrefix("{") && segment.hasSuffix("}") ? String(segment.dropFirst().dropLast()) : nil
        }
    }

    /// A path parameter: a positive integer id, or a string for `name`-like parameters.
    static func pathID(_ name: String) -> OpenAPIValue {
        let schema: OpenAPIValue = name.hasSuffix("id") ? ["type": "integer", "minimum": 1] : ["type": "string", "minLength": 1]
        return ["name": .string(name), "in": "path", "required": true, "schema": schema]
    }

    /// A query parameter, optional unless `required`.
    static func query(_ name: String, _ schema: OpenAPIValue, description: String, required: Bool = false) -> OpenAPIValue {
        ["name": .string(name), "in": "query", "required": .bool(required), "description": .string(description), "schema": schema]
    }

    /// `limit` and `cursor` of a paginated list.
    static let paging: [OpenAPIValue] = [
        query("limit", ["type": "integer", "minimum": 1, "maximum": 500, "default": 50], description: "Items per page."),
        query("cursor", ["type": "string"], description: "The previous page's `next_cursor`."),
    ]

    /// A JSON response with `schema`.
    static func json(_ description: String, _ schema: OpenAPIValue) -> OpenAPIValue {
        ["description": .string(description), "content": ["application/json": ["schema": schema]]]
    }

    /// A reference to a component schema.
    static func ref(_ name: String) -> OpenAPIValue {
        ["$ref": .string("#/components/schemas/\(name)")]
    }

    /// A page of `item` schemas.
    static func page(_ item: String) -> OpenAPIValue {
        [
            "type": "object", "required": ["items"],
            "properties": ["items": ["type": "array", "items": ref(item)], "next_cursor": ["type": "string"]],
        ]
    }

    /// A response without a body.
    static func empty(_ description: String) -> OpenAPIValue {
        ["description": .string(description)]
    }
}
