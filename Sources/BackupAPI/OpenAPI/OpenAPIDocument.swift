/// The OpenAPI 3.1 document served at `GET /api/openapi.json`, written by hand route by route (one
/// `OpenAPIDocument+<Area>.swift` per area). A test compares its operations with the router's routes.
enum OpenAPIDocument {
    /// Every documented operation.
    static var routes: [OpenAPIRoute] {
        systemRoutes + authRoutes + databaseRoutes + backupRoutes + scheduleRoutes + settingsRoutes + restoreRoutes + auditRoutes
    }

    /// Every schema of `components.schemas`.
    static var schemas: [(String, OpenAPIValue)] {
        systemSchemas + authSchemas + databaseSchemas + backupSchemas + scheduleSchemas + settingsSchemas + restoreSchemas
            + auditSchemas
    }

    /// The whole document.
    static func document(version: String) -> OpenAPIValue {
        var paths: [(String, OpenAPIValue)] = []
        for route in routes {
            if let index = paths.firstIndex(where: { $0.0 == route.path }) {
                paths[index].1 = paths[index].1.merging(.object([(route.method, route.operation)]))
            } else {
                paths.append((route.path, .object([(route.method, route.operation)])))
            }
        }
        return [
            "openapi": "3.1.0",
            "info": [
                "title": "pgbm", "version": .string(version),
                "description": "PostgreSQL backup manager. Errors are `{\"error\": {\"code\", \"message\", \"field\"}}`.",
            ],
            "servers": [["url": "/"]],
            "security": [["bearer": []], ["session": []]],
            "paths": .object(paths),
            "components": [
                "securitySchemes": [
                    "bearer": ["type": "http", "scheme": "bearer", "description": "An API token (`pgbm_…`)."],
                    "session": [
                        "type": "apiKey", "in": "cookie", "name": "pgbm_session",
                        "description": "Browser session; state-changing requests also send `X-CSRF-Token`.",
                    ],
                ],
                "responses": [
                    "Error": OpenAPIRoute.json("An error", OpenAPIRoute.ref("Error"))
                ],
                "schemas": .object(schemas),
            ],
        ]
    }

    /// Shared value schemas.
    static let string: OpenAPIValue = ["type": "string"]
    static let integer: OpenAPIValue = ["type": "integer"]
    static let boolean: OpenAPIValue = ["type": "boolean"]
    static let dateTime: OpenAPIValue = ["type": "string", "format": "date-time"]

    /// An object schema; `required` lists the members always present.
    static func object(_ properties: [(String, OpenAPIValue)], required: [String] = []) -> OpenAPIValue {
        var members: [(String, OpenAPIValue)] = [("type", "object")]
        if !required.isEmpty { members.append(("required", .array(required.map { .string($0) }))) }
        members.append(("properties", .object(properties)))
        return .object(members)
    }

    /// A string schema limited to `values`.
    static func oneOf(_ values: [String]) -> OpenAPIValue {
        ["type": "string", "enum": .array(values.map { .string($0) })]
    }
}
