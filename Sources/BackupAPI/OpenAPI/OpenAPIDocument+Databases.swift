extension OpenAPIDocument {
    static var databaseRoutes: [OpenAPIRoute] {
        let path = "/api/config/databases"
        let database = OpenAPIRoute.ref("Database")
        return [
            OpenAPIRoute(
                "get", path, id: "listDatabases", tag: "databases", summary: "Live databases by name.",
                parameters: OpenAPIRoute.paging, responses: [("200", OpenAPIRoute.json("A page", OpenAPIRoute.page("Database")))]),
            OpenAPIRoute(
                "post", path, id: "createDatabase", tag: "databases", summary: "Adds a database.", access: .admin,
                body: OpenAPIRoute.ref("DatabaseInput"), example: databaseExample, responses: [("201", OpenAPIRoute.json("Created", database))]),
            OpenAPIRoute(
                "get", path + "/{id}", id: "showDatabase", tag: "databases", summary: "One database.",
                responses: [("200", OpenAPIRoute.json("The database", database))]),
            OpenAPIRoute(
                "put", path + "/{id}", id: "updateDatabase", tag: "databases",
                summary: "Replaces a database's settings; an absent password keeps the stored one.", access: .admin,
                body: OpenAPIRoute.ref("DatabaseInput"), example: databaseExample, responses: [("200", OpenAPIRoute.json("Updated", database))]),
            OpenAPIRoute(
                "delete", path + "/{id}", id: "deleteDatabase", tag: "databases",
                summary: "Marks a database deleted (history kept) and disables its schedules.", access: .admin,
                responses: [("204", OpenAPIRoute.empty("Deleted"))]),
            OpenAPIRoute(
                "post", path + "/{id}/test", id: "testDatabase", tag: "databases",
                summary: "Connects and reports the server version and database size, or the failure.", access: .admin,
                responses: [("200", OpenAPIRoute.json("The test ran", OpenAPIRoute.ref("ConnectionTest")))]),
        ]
    }

    /// A valid `DatabaseInput`.
    static let databaseExample: OpenAPIValue = [
        "name": "Billing", "host": "127.0.0.1", "port": 5432, "database": "billing", "user": "backup", "password": "s3cret-Pa55",
        "ssl_mode": "prefer", "ssl_root_certificate": "/etc/ssl/certs/db-ca.pem", "options": "-c statement_timeout=0",
        "retention_time_zone": "Europe/Berlin",
    ]

    static var databaseSchemas: [(String, OpenAPIValue)] {
        let sslModes = oneOf(["disable", "prefer", "require", "verify-full"])
        return [
            (
                "Database",
                object(
                    [
                        ("id", integer), ("name", string), ("slug", string), ("host", string), ("port", integer),
                        ("database", string), ("user", string), ("password_set", boolean), ("ssl_mode", sslModes),
                        ("ssl_root_certificate", string), ("options", string), ("retention_time_zone", string),
                        ("retention_overridden", boolean),
                        (
                            "retention_override",
                            object([
                                ("keep_last", integer), ("daily", integer), ("weekly", integer), ("monthly", integer),
                                ("yearly", integer),
                            ]).merging(["description": "The keys of the global retention policy this database overrides."])
                        ),
                        ("created_at", dateTime),
                        ("deleted_at", dateTime.merging(["description": "Removed databases only."])),
                    ],
                    required: [
                        "id", "name", "slug", "host", "port", "database", "user", "password_set", "ssl_mode", "options",
                        "retention_time_zone", "retention_overridden", "created_at",
                    ])
            ),
            (
                "DatabaseInput",
                object(
                    [
                        ("name", string), ("host", string), ("port", ["type": "integer", "minimum": 1, "maximum": 65535]),
                        ("database", string), ("user", string), ("password", ["type": "string", "writeOnly": true]),
                        ("ssl_mode", sslModes), ("ssl_root_certificate", string), ("options", string),
                        ("retention_time_zone", string),
                    ], required: ["name", "host", "database", "user"])
            ),
            (
                "ConnectionTest",
                object(
                    [
                        ("ok", boolean), ("server_version", string), ("server_major_version", integer),
                        ("database_size_bytes", integer), ("ssl", boolean),
                        ("error", object([("code", string), ("message", string)], required: ["code", "message"])),
                    ], required: ["ok"])
            ),
        ]
    }
}
