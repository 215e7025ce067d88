extension OpenAPIDocument {
    static var scheduleRoutes: [OpenAPIRoute] {
        let path = "/api/schedules"
        let schedule = OpenAPIRoute.ref("Schedule")
        return [
            OpenAPIRoute(
                "get", path, id: "listSchedules", tag: "schedules", summary: "Schedules by id.",
                parameters: OpenAPIRoute.paging + [OpenAPIRoute.query("database_id", positive, description: "Only this database's.")],
                responses: [("200", OpenAPIRoute.json("A page", OpenAPIRoute.page("Schedule")))]),
            OpenAPIRoute(
                "post", path, id: "createSchedule", tag: "schedules", summary: "Adds a schedule; the scheduler applies it at once.",
                access: .admin, body: OpenAPIRoute.ref("ScheduleInput"),
                example: ["database_id": 1, "cron": "0 3 * * *", "timezone": "Europe/Berlin", "enabled": true],
                responses: [("201", withLocation(OpenAPIRoute.json("Created", schedule)))]),
            OpenAPIRoute(
                "get", path + "/preview", id: "previewSchedule", tag: "schedules",
                summary: "The next runs of a cron expression in a zone.",
                parameters: [
                    OpenAPIRoute.query("cron", string, description: "Five fields or a preset like `@daily`.", required: true),
                    OpenAPIRoute.query("timezone", string, description: "IANA zone (default `UTC`)."),
                    OpenAPIRoute.query("count", ["type": "integer", "minimum": 1, "maximum": 50, "default": 5], description: "How many runs."),
                ],
                responses: [("200", OpenAPIRoute.json("The next runs", OpenAPIRoute.ref("SchedulePreview")))]),
            OpenAPIRoute(
                "get", path + "/{id}", id: "showSchedule", tag: "schedules", summary: "One schedule and its next run.",
                responses: [("200", OpenAPIRoute.json("The schedule", schedule))]),
            OpenAPIRoute(
                "put", path + "/{id}", id: "updateSchedule", tag: "schedules",
                summary: "Replaces database, cron, zone and enabled state; keeps creation and last run.", access: .admin,
                body: OpenAPIRoute.ref("ScheduleInput"),
                example: ["database_id": 1, "cron": "0 3 * * *", "timezone": "Europe/Berlin", "enabled": true], responses: [("200", OpenAPIRoute.json("Updated", schedule))]),
            OpenAPIRoute(
                "delete", path + "/{id}", id: "deleteSchedule", tag: "schedules",
                summary: "Removes the schedule (its runs stay).", access: .admin, responses: [("204", OpenAPIRoute.empty("Deleted"))]),
            OpenAPIRoute(
                "post", path + "/{id}/run", id: "runSchedule", tag: "schedules",
                summary: "A backup of the schedule's database now, like `POST /api/backups/run/{db_id}`.", access: .admin,
                responses: [("202", withLocation(OpenAPIRoute.json("Accepted; poll the run (`Location`)", OpenAPIRoute.ref("RunAccepted"))))]),
            OpenAPIRoute(
                "post", path + "/{id}/pause", id: "pauseSchedule", tag: "schedules",
                summary: "Disables it; queued runs it triggered are cancelled.", access: .admin,
                responses: [("200", OpenAPIRoute.json("The schedule", schedule))]),
            OpenAPIRoute(
                "post", path + "/{id}/resume", id: "resumeSchedule", tag: "schedules", summary: "Enables it from its next slot.",
                access: .admin, responses: [("200", OpenAPIRoute.json("The schedule", schedule))]),
        ]
    }

    static var scheduleSchemas: [(String, OpenAPIValue)] {
        [
            (
                "Schedule",
                object(
                    [
                        ("id", integer), ("database_id", integer), ("database_name", string), ("cron", string),
                        ("timezone", string), ("enabled", boolean),
                        ("description", ["type": "string", "description": "The expression in words."]),
                        ("next_run_at", ["type": "string", "format": "date-time", "description": "While enabled."]),
                        ("last_run_at", dateTime), ("created_at", dateTime),
                        ("error", ["type": "string", "description": "Why the stored expression no longer parses."]),
                    ], required: ["id", "database_id", "cron", "timezone", "enabled", "created_at"])
            ),
            (
                "ScheduleInput",
                object(
                    [
                        ("database_id", positive), ("cron", ["type": "string", "description": "Five fields or a preset like `@daily`."]),
                        ("timezone", ["type": "string", "description": "IANA zone (default `UTC`)."]),
                        ("enabled", ["type": "boolean", "default": true]),
                    ], required: ["database_id", "cron"])
            ),
            (
                "SchedulePreview",
                object(
                    [
                        ("schedule_id", ["type": "integer", "description": "The stored schedule previewed (`pgbm-cli schedule next`); absent for an expression."]),
                        ("cron", string), ("timezone", string), ("description", string), ("next_runs", ["type": "array", "items": dateTime]),
                    ],
                    required: ["cron", "timezone", "description", "next_runs"])
            ),
        ]
    }
}
