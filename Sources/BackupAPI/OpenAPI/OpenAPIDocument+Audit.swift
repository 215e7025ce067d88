extension OpenAPIDocument {
    static var auditRoutes: [OpenAPIRoute] {
        [
            OpenAPIRoute(
                "get", "/api/audit", id: "listAudit", tag: "audit", summary: "The append-only audit log, newest first.",
                parameters: OpenAPIRoute.paging + [
                    OpenAPIRoute.query("actor", string, description: "Only this actor (user name, token, `scheduler`, …)."),
                    OpenAPIRoute.query("action", string, description: "Only this action (`backup.run`)."),
                    OpenAPIRoute.query("target_type", string, description: "Only this kind of target (`schedule`)."),
                    OpenAPIRoute.query("target_id", string, description: "Only this target."),
                    OpenAPIRoute.query("outcome", oneOf(["success", "failure", "denied"]), description: "Only this outcome."),
                    OpenAPIRoute.query("since", dateTime, description: "At or after."),
                    OpenAPIRoute.query("until", dateTime, description: "Before."),
                ],
                responses: [("200", OpenAPIRoute.json("A page", OpenAPIRoute.page("AuditEvent")))]),
        ]
    }

    static var auditSchemas: [(String, OpenAPIValue)] {
        [
            (
                "AuditEvent",
                object(
                    [
                        ("id", integer), ("at", dateTime), ("actor_kind", oneOf(["user", "token", "scheduler", "cli", "system"])),
                        ("actor", string), ("action", string), ("target_type", string), ("target_id", string),
                        ("outcome", oneOf(["success", "failure", "denied"])),
                        ("details", ["type": "object", "description": "What the action changed (names, never secrets)."]),
                    ], required: ["id", "at", "actor_kind", "actor", "action", "outcome", "details"])
            ),
        ]
    }
}
