extension OpenAPIDocument {
    static var systemRoutes: [OpenAPIRoute] {
        [
            OpenAPIRoute(
                "get", "/api/health", id: "health", tag: "health", summary: "Liveness: the process answers (no checks).",
                access: .public, responses: [("200", OpenAPIRoute.json("Alive", OpenAPIRoute.ref("Health")))]),
            OpenAPIRoute(
                "get", "/api/health/detailed", id: "healthDetailed", tag: "health",
                summary: "Store, backup folder, scheduler, S3 and staleness of every database.",
                responses: [
                    ("200", OpenAPIRoute.json("The report", OpenAPIRoute.ref("DetailedHealth"))),
                    ("503", OpenAPIRoute.json("The store does not answer", OpenAPIRoute.ref("DetailedHealth"))),
                ]),
            OpenAPIRoute(
                "get", "/metrics", id: "metrics", tag: "health", summary: "Prometheus metrics (text format 0.0.4).",
                responses: [
                    ("200", ["description": "Metrics", "content": ["text/plain": ["schema": ["type": "string"]]]])
                ]),
            OpenAPIRoute(
                "get", "/api/openapi.json", id: "openapi", tag: "health", summary: "This document.", access: .public,
                responses: [("200", OpenAPIRoute.json("OpenAPI 3.1", ["type": "object"]))]),
        ]
    }

    static var systemSchemas: [(String, OpenAPIValue)] {
        [
            (
                "Error",
                object(
                    [
                        (
                            "error",
                            object(
                                [("code", string), ("message", string), ("field", string)], required: ["code", "message"])
                        )
                    ], required: ["error"])
            ),
            ("Health", object([("status", string), ("version", string)], required: ["status", "version"])),
            (
                "DetailedHealth",
                object(
                    [
                        ("status", oneOf(["ok", "degraded", "failing"])), ("version", string), ("uptime_seconds", integer),
                        ("store", object([("ok", boolean), ("error", string)], required: ["ok"])),
                        (
                            "backup_directory",
                            object(
                                [
                                    ("path", string), ("writable", boolean), ("used_bytes", integer), ("total_bytes", integer),
                                    ("free_bytes", integer),
                                ], required: ["path", "writable", "used_bytes"])
                        ),
                        (
                            "scheduler",
                            object([("running", boolean), ("queued", integer), ("active", integer)], required: ["running", "queued", "active"])
                        ),
                        (
                            "s3",
                            object(
                                [("configured", boolean), ("reachable", boolean), ("checked_at", dateTime), ("error", string)],
                                required: ["configured"])
                        ),
                        (
                            "databases",
                            [
                                "type": "array",
                                "items": object(
                                    [
                                        ("id", integer), ("name", string), ("slug", string), ("last_success_at", dateTime),
                                        ("age_seconds", integer), ("next_run_at", dateTime), ("expected_by", dateTime),
                                        ("stale", boolean),
                                    ], required: ["id", "name", "slug", "stale"]),
                            ]
                        ),
                    ], required: ["status", "version", "store", "backup_directory", "scheduler", "s3", "databases"])
            ),
        ]
    }
}
